package org.rollcall.recognition.frames;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * How far each frame-ingest host's clock is from the Kafka broker's, and this host's too. The
 * frames topic stamps records with the broker's append time, so per ingest host the median of
 * (capture time - append time) over its last frames is its clock offset (plus a few ms of
 * transit). Staleness is judged on the capture time corrected by that offset: an ingest host
 * whose clock is seconds behind no longer makes every frame "stale", one frame with an absurd
 * capture time still is. Offsets over a second are exported and logged with the host's name.
 */
public final class ClockSkew {
    private static final Logger LOG = Logger.getLogger(ClockSkew.class);
    static final Duration WARN_ABOVE = Duration.ofSeconds(1);
    private static final Duration WARN_EVERY = Duration.ofMinutes(1);
    private static final int WINDOW = 65;
    /** Fewer samples than this: no correction yet (clocks are assumed to agree). */
    private static final int MIN_SAMPLES = 5;

    private final MeterRegistry registry;
    private final String self;
    private final Map<String, Host> hosts = new ConcurrentHashMap<>();

    public ClockSkew(MeterRegistry registry, String self) {
        this.registry = registry;
        this.self = self;
    }

    /** One host's last offsets (ms, capture or local clock minus broker clock). */
    private final class Host {
        final String name;
        final long[] samples = new long[WINDOW];
        int count;
        int next;
        volatile long medianMs;
        volatile Instant warnedAt = Instant.EPOCH;

        Host(String name) {
            this.name = name;
            Gauge.builder("rollcall_clock_offset_seconds", this, h -> h.medianMs / 1000.0).tag("host", name)
                    .description("host clock minus the Kafka broker's (median of recent frames)").register(registry);
        }

        synchronized long add(long offsetMs) {
            samples[next] = offsetMs;
            next = (next + 1) % WINDOW;
            count = Math.min(count + 1, WINDOW);
            long[] sorted = Arrays.copyOf(samples, count);
            Arrays.sort(sorted);
            medianMs = count < MIN_SAMPLES ? 0 : sorted[count / 2];
            return medianMs;
        }

        void warnIfSkewed(Instant now) {
            if (Math.abs(medianMs) > WARN_ABOVE.toMillis() && now.isAfter(warnedAt.plus(WARN_EVERY))) {
                warnedAt = now;
                LOG.warnf("the clock of %s is %.1f s %s the Kafka broker's: fix its time synchronisation (NTP); "
                        + "capture times and attendance times from it are off by as much", name, Math.abs(medianMs) / 1000.0,
                        medianMs > 0 ? "ahead of" : "behind");
            }
        }
    }

    /**
     * The frame's capture time on the broker's clock. {@code brokerTime} null (a topic stamped
     * with create time) leaves the capture time as it is.
     */
    public Instant captureOnBrokerClock(String ingestHost, Instant capturedAt, Instant brokerTime, Instant now) {
        if (brokerTime == null) {
            return capturedAt;
        }
        Host ingest = hosts.computeIfAbsent("frame-ingest " + ingestHost, Host::new);
        long offset = ingest.add(Duration.between(brokerTime, capturedAt).toMillis());
        ingest.warnIfSkewed(now);
        // this host: a broker stamp in our future means our clock is behind (queueing only makes it later)
        Host local = hosts.computeIfAbsent("recognition " + self, Host::new);
        local.add(Duration.between(brokerTime, now).toMillis());
        if (local.medianMs < 0) {
            local.warnIfSkewed(now);
        }
        return capturedAt.minusMillis(offset);
    }
}
