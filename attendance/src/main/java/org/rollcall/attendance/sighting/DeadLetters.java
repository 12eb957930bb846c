package org.rollcall.attendance.sighting;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;
import org.rollcall.events.Topics;

/**
 * Identity events attendance cannot apply however often it tries (malformed, or a row the
 * database refuses) go to {@link Topics#IDENTITY_EVENTS_DEAD_LETTERS} as they came, with where
 * they came from and why in headers, so the stream goes on and nothing is silently dropped: an
 * operator sees rollcall_dead_letters_total and can replay them. The send is awaited
 * (acks=all): only then is the original's offset committed.
 */
// created at start, so its counter is exported (as 0) before the first use: alerts need the series
@io.quarkus.runtime.Startup
@ApplicationScoped
public class DeadLetters {
    private static final Logger LOG = Logger.getLogger(DeadLetters.class);
    static final String REASON = "rc-dead-letter-reason";
    static final String ORIGIN = "rc-dead-letter-origin";

    private final MutinyEmitter<byte[]> emitter;
    private final Counter counter;

    public DeadLetters(@Channel("identity-events-dead-letters") MutinyEmitter<byte[]> emitter, MeterRegistry registry) {
        this.emitter = emitter;
        this.counter = Counter.builder("rollcall_dead_letters").tag("topic", "identity-events")
                .description("identity events set aside on the dead-letter topic").register(registry);
    }

    public void send(ConsumerRecord<String, byte[]> record, String reason) {
        RecordHeaders headers = new RecordHeaders();
        record.headers().forEach(headers::add);
        headers.add(REASON, reason.getBytes(StandardCharsets.UTF_8));
        headers.add(ORIGIN, (record.topic() + "-" + record.partition() + "@" + record.offset()).getBytes(StandardCharsets.UTF_8));
        emitter.sendMessageAndAwait(Message.of(record.value() == null ? new byte[0] : record.value())
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(record.key()).withHeaders(headers).build()));
        counter.increment();
        LOG.errorf("identity event at %s-%d@%d set aside on %s: %s", record.topic(), record.partition(), record.offset(),
                Topics.IDENTITY_EVENTS_DEAD_LETTERS, reason);
    }

    public double count() {
        return counter.count();
    }
}
