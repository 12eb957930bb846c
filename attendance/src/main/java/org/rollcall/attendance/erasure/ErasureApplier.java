package org.rollcall.attendance.erasure;

import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;
import org.rollcall.attendance.record.Ledger;
import org.rollcall.attendance.sighting.RetryingWriter;
import org.rollcall.events.Erasure;
import org.rollcall.events.ErasureConfirmation;
import org.rollcall.events.EventCodec;
import org.rollcall.events.MalformedEventException;

/**
 * Applies erasures from rollcall.erasures.v1 (group {@code attendance-erasures}) in the
 * database, then confirms on rollcall.erasure-confirmations.v1 what was removed. The offset is
 * committed after the confirmation is acknowledged; a crash in between applies the erasure
 * again (nothing left to remove) and confirms again. A database outage is waited out like for
 * identity events, never skipped.
 */
@ApplicationScoped
public class ErasureApplier {
    private static final Logger LOG = Logger.getLogger(ErasureApplier.class);
    static final String SERVICE = "attendance";

    private final Ledger ledger;
    private final RetryingWriter writer;
    private final MutinyEmitter<byte[]> confirmations;
    private final EventCodec codec = new EventCodec();

    public ErasureApplier(Ledger ledger, RetryingWriter writer,
            @Channel("erasure-confirmations") MutinyEmitter<byte[]> confirmations) {
        this.ledger = ledger;
        this.writer = writer;
        this.confirmations = confirmations;
    }

    @Incoming("erasures")
    @Blocking(ordered = true)
    public void apply(ConsumerRecord<String, byte[]> record) {
        Erasure erasure;
        try {
            erasure = codec.decode(record.value(), Erasure.class);
        } catch (MalformedEventException e) {
            LOG.errorf("skipping a malformed erasure at %d@%d: %s", record.partition(), record.offset(), e.getMessage());
            return;
        }
        Map<String, Long> removed = writer.write(() -> ledger.apply(erasure));
        ErasureConfirmation done = ErasureConfirmation.of(erasure, SERVICE, removed);
        confirmations.sendMessageAndAwait(Message.of(codec.encode(done))
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(done.key()).build()));
        LOG.infof("erasure %s applied: %s", erasure.erasureId(), removed);
    }
}
