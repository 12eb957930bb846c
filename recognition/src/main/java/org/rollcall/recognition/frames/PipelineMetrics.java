package org.rollcall.recognition.frames;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.rollcall.recognition.gallery.Galleries;

/** The recognition pipeline's Prometheus meters. */
public final class PipelineMetrics {
    private final MeterRegistry registry;
    private final java.util.Map<Integer, java.util.concurrent.atomic.AtomicLong> lag = new java.util.concurrent.ConcurrentHashMap<>();
    private final Counter consumed;
    private final Map<String, Counter> skipped = new ConcurrentHashMap<>();
    private final Counter faces;
    private final Counter embedded;
    private final Counter known;
    private final Counter unknown;
    private final Counter decisions;
    private final Map<String, Timer> stages = new ConcurrentHashMap<>();
    private final Timer captureToEvent;
    private final AtomicLong detectedTotal = new AtomicLong();
    private final AtomicLong embeddedTotal = new AtomicLong();

    public PipelineMetrics(MeterRegistry registry, Galleries galleries) {
        this.registry = registry;
        this.consumed = Counter.builder("rollcall_frames_consumed").register(registry);
        this.faces = Counter.builder("rollcall_faces_detected").register(registry);
        this.embedded = Counter.builder("rollcall_faces_embedded").description("embeddings computed (the tracker saves the rest)").register(registry);
        this.known = Counter.builder("rollcall_identities").tag("result", "known")
                .description("faces in analysed frames by their track's decision").register(registry);
        this.decisions = Counter.builder("rollcall_identity_events")
                .description("identity events published: track decisions, changes and refreshes, not frames").register(registry);
        this.unknown = Counter.builder("rollcall_identities").tag("result", "unknown").register(registry);
        this.captureToEvent = Timer.builder("rollcall_capture_to_event").description("frame capture to the frame's faces published (the live feed)")
                .publishPercentiles(0.5, 0.95, 0.99).publishPercentileHistogram().register(registry);
        Gauge.builder("rollcall_tracker_reembed_ratio", this, PipelineMetrics::reembedRatio)
                .description("embeddings per detected face (1 = no tracking saving)").register(registry);
        Gauge.builder("rollcall_gallery_templates", galleries, g -> g.all().values().stream().mapToInt(x -> x.size()).sum())
                .description("templates in all galleries of this instance").register(registry);
        Gauge.builder("rollcall_gallery_organizations", galleries, g -> g.all().size()).register(registry);
    }

    /** Per-organization gallery size, registered the first time an organization is seen. */
    public void watchGallery(String orgId, Galleries galleries) {
        Gauge.builder("rollcall_gallery_size", galleries, g -> g.existing(orgId) == null ? 0 : g.existing(orgId).size())
                .tag("org", orgId).register(registry);
    }

    void consumed() {
        consumed.increment();
    }

    public void skipped(String reason) {
        skipped.computeIfAbsent(reason, r -> Counter.builder("rollcall_frames_skipped").tag("reason", r).register(registry)).increment();
    }

    public double skippedCount(String reason) {
        Counter c = skipped.get(reason);
        return c == null ? 0 : c.count();
    }

    void faces(int n) {
        faces.increment(n);
        detectedTotal.addAndGet(n);
    }

    void embedded() {
        embedded.increment();
        embeddedTotal.incrementAndGet();
    }

    public long embeddedCount() {
        return embeddedTotal.get();
    }

    /** Faces named (known) or left unknown so far. */
    public double identities(boolean isKnown) {
        return (isKnown ? known : unknown).count();
    }

    /** Frames taken from Kafka so far. */
    public double consumedCount() {
        return consumed.count();
    }

    void identity(boolean isKnown) {
        (isKnown ? known : unknown).increment();
    }

    void decisions(int n) {
        decisions.increment(n);
    }

    void stage(String name, long nanos) {
        stages.computeIfAbsent(name, n -> Timer.builder("rollcall_stage").tag("stage", n).publishPercentiles(0.5, 0.95)
                .register(registry)).record(nanos, TimeUnit.NANOSECONDS);
    }

    void captureToEvent(Duration d) {
        captureToEvent.record(d.isNegative() ? Duration.ZERO : d);
    }

    private double reembedRatio() {
        long d = detectedTotal.get();
        return d == 0 ? 0 : (double) embeddedTotal.get() / d;
    }

    /**
     * Frames waiting on a partition this instance consumes ({@code rollcall_frames_lag{partition}}):
     * set by the consumer's thread from its last fetch, 0 once the partition moved elsewhere.
     */
    public void lag(int partition, long frames) {
        lag.computeIfAbsent(partition, p -> {
            java.util.concurrent.atomic.AtomicLong value = new java.util.concurrent.atomic.AtomicLong();
            Gauge.builder("rollcall_frames_lag", value, java.util.concurrent.atomic.AtomicLong::get).tag("partition", String.valueOf(p))
                    .description("frames waiting for recognition on a partition of rollcall.frames.v1").register(registry);
            return value;
        }).set(frames);
    }
}
