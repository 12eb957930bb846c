package org.rollcall.attendance.sighting;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;
import org.rollcall.events.EventCodec;
import org.rollcall.events.IdentityEvent;
import org.rollcall.events.MalformedEventException;

/**
 * Consumes rollcall.identity-events.v1. A malformed message is counted, logged and skipped; a
 * database failure pauses this consumer (retrying with backoff) instead of losing the event,
 * and the offset is committed only after the transaction commits.
 */
@ApplicationScoped
public class IdentityEventConsumer {
    private static final Logger LOG = Logger.getLogger(IdentityEventConsumer.class);

    private final SightingStore store;
    private final RetryingWriter writer;
    private final EventCodec codec = new EventCodec();
    private final Counter malformed;
    private final Counter stored;
    private final Counter duplicates;

    public IdentityEventConsumer(SightingStore store, RetryingWriter writer, MeterRegistry registry) {
        this.store = store;
        this.writer = writer;
        this.malformed = Counter.builder("rollcall_events_malformed").tag("topic", "identity-events")
                .description("identity events rejected as malformed").register(registry);
        this.stored = Counter.builder("rollcall_sightings_stored").register(registry);
        this.duplicates = Counter.builder("rollcall_sightings_duplicate").register(registry);
    }

    @Incoming("identity-events")
    @Blocking(ordered = true)
    public void consume(ConsumerRecord<String, byte[]> record) {
        IdentityEvent event;
        try {
            event = codec.decode(record.value(), IdentityEvent.class);
            UUID.fromString(event.eventId());
        } catch (MalformedEventException | IllegalArgumentException e) {
            malformed.increment();
            LOG.warnf("skipping malformed identity event at %s-%d@%d: %s", record.topic(), record.partition(),
                    record.offset(), e.getMessage());
            return;
        }
        boolean isNew = writer.write(() -> store.recordOnce(event));
        (isNew ? stored : duplicates).increment();
    }
}
