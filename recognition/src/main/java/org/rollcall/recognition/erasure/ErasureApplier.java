package org.rollcall.recognition.erasure;

import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;
import org.rollcall.events.Erasure;
import org.rollcall.events.ErasureConfirmation;
import org.rollcall.events.EventCodec;
import org.rollcall.events.MalformedEventException;
import org.rollcall.recognition.RecognitionNode;
import org.rollcall.recognition.enroll.Enrollment;

/**
 * Applies erasures from rollcall.erasures.v1 (consumer group {@code recognition-erasures}: one
 * instance applies each): tombstones for the person's templates of every model version (every
 * instance's gallery follows them), then a confirmation saying what was removed. The
 * dashboard's faces of the person are identity's to forget (it holds them). The offset is committed only after
 * the confirmation was acknowledged, so a crash in between applies it again, which finds nothing
 * left and confirms again: idempotent.
 */
@ApplicationScoped
public class ErasureApplier {
    private static final Logger LOG = Logger.getLogger(ErasureApplier.class);
    static final String SERVICE = "recognition";
    /** Templates must be loaded before they can be tombstoned; a cold start takes seconds. */
    private static final Duration LOAD_WAIT = Duration.ofMinutes(5);

    private final RecognitionNode node;
    private final Enrollment enrollment;
    private final MutinyEmitter<byte[]> confirmations;
    private final EventCodec codec = new EventCodec();

    public ErasureApplier(RecognitionNode node, Enrollment enrollment,
            @Channel("erasure-confirmations") MutinyEmitter<byte[]> confirmations) {
        this.node = node;
        this.enrollment = enrollment;
        this.confirmations = confirmations;
    }

    @Incoming("erasures")
    @Blocking(ordered = true)
    public void apply(ConsumerRecord<String, byte[]> record) throws InterruptedException {
        Erasure erasure;
        try {
            erasure = codec.decode(record.value(), Erasure.class);
        } catch (MalformedEventException e) {
            // nothing to erase can be read from it; identity shows such an erasure as pending
            LOG.errorf("skipping a malformed erasure at %d@%d: %s", record.partition(), record.offset(), e.getMessage());
            return;
        }
        if (!node.awaitGalleries(LOAD_WAIT)) {
            // not committed: the channel fails, readiness turns DOWN, and a restart applies it again
            throw new IllegalStateException("galleries not loaded after " + LOAD_WAIT + "; erasure " + erasure.erasureId() + " not applied");
        }
        long templates = enrollment.erase(erasure.orgId(), erasure.personId());
        long visitors = erasure.wholeOrganization() ? node.recent().forgetOrganization(erasure.orgId()) : 0;
        ErasureConfirmation done = ErasureConfirmation.of(erasure, SERVICE,
                erasure.wholeOrganization() ? Map.of("templates", templates, "visitors", visitors) : Map.of("templates", templates));
        confirmations.sendMessageAndAwait(Message.of(codec.encode(done))
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(done.key()).build()));
        LOG.infof("erasure %s applied: %s", erasure.erasureId(), done.removed());
    }
}
