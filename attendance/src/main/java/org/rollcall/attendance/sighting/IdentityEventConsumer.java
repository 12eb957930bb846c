package org.rollcall.attendance.sighting;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.rollcall.attendance.outbox.OutboxPublisher;
import org.rollcall.attendance.record.Ledger;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;
import org.rollcall.events.EventCodec;
import org.rollcall.events.IdentityEvent;
import org.rollcall.events.MalformedEventException;

/**
 * Consumes rollcall.identity-events.v1 into the {@link Ledger}. A malformed message, or one the
 * database refuses for good, is set aside on the dead-letter topic ({@link DeadLetters}); a
 * database outage pauses this consumer (retrying with backoff) instead of losing the event, and
 * the offset is committed only after the transaction commits (or the dead letter is stored).
 */
@ApplicationScoped
public class IdentityEventConsumer {
    private static final Logger LOG = Logger.getLogger(IdentityEventConsumer.class);

    private final Ledger ledger;
    private final RetryingWriter writer;
    private final OutboxPublisher publisher;
    private final DeadLetters deadLetters;
    private final EventCodec codec = new EventCodec();
    private final Counter malformed;
    private final Map<Ledger.Outcome, Counter> outcomes = new EnumMap<>(Ledger.Outcome.class);

    private final org.rollcall.attendance.policy.SiteZonesFromCameras zones;

    private final io.micrometer.core.instrument.Timer captureToCheckIn;

    public IdentityEventConsumer(Ledger ledger, RetryingWriter writer, OutboxPublisher publisher, MeterRegistry registry,
            org.rollcall.attendance.policy.SiteZonesFromCameras zones, DeadLetters deadLetters) {
        this.deadLetters = deadLetters;
        this.zones = zones;
        this.ledger = ledger;
        this.writer = writer;
        this.publisher = publisher;
        this.malformed = Counter.builder("rollcall_events_malformed").tag("topic", "identity-events")
                .description("identity events rejected as malformed").register(registry);
        io.micrometer.core.instrument.FunctionCounter.builder("rollcall_db_write_retries", writer, RetryingWriter::retries)
                .description("identity-event writes retried after a transient database failure").register(registry);
        this.captureToCheckIn = io.micrometer.core.instrument.Timer.builder("rollcall_capture_to_checkin")
                .description("a frame's capture to the check-in it made, stored (camera to attendance)")
                .publishPercentiles(0.5, 0.95, 0.99).publishPercentileHistogram().register(registry);
        for (Ledger.Outcome o : Ledger.Outcome.values()) {
            outcomes.put(o, Counter.builder("rollcall_identity_events").tag("outcome", o.name().toLowerCase(Locale.ROOT))
                    .description("identity events by what they did to attendance").register(registry));
        }
    }

    /** The first events after a start wait (briefly) for the sites' zones: a local day must not be guessed. */
    private void awaitSiteZones() {
        for (int i = 0; i < 600 && !zones.loaded(); i++) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Incoming("identity-events")
    @Blocking(ordered = true)
    public void consume(ConsumerRecord<String, byte[]> record) {
        awaitSiteZones();
        IdentityEvent event;
        try {
            event = codec.decode(record.value(), IdentityEvent.class);
            UUID.fromString(event.eventId());
        } catch (MalformedEventException | IllegalArgumentException e) {
            malformed.increment();
            deadLetters.send(record, "malformed: " + e.getMessage());
            return;
        }
        Ledger.Outcome outcome;
        try {
            outcome = writer.write(() -> ledger.apply(event));
        } catch (RuntimeException e) {
            if (RetryingWriter.isTransient(e)) {
                // stopping while the database is away: not applied and not committed, so it comes again
                throw e;
            }
            // the same event would fail the same way every time: set it aside, keep the stream going
            deadLetters.send(record, "refused: " + RetryingWriter.rootMessage(e));
            return;
        }
        outcomes.get(outcome).increment();
        if (outcome == Ledger.Outcome.CHECKED_IN) {
            captureToCheckIn.record(java.time.Duration.between(event.capturedAt(), java.time.Instant.now()));
        }
        if (outcome == Ledger.Outcome.CHECKED_IN || outcome == Ledger.Outcome.CHECKED_OUT) {
            publisher.wakeUp();
        }
    }
}
