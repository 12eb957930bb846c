package org.rollcall.identity.erasure;

import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;
import org.rollcall.events.ErasureConfirmation;
import org.rollcall.events.EventCodec;
import org.rollcall.events.MalformedEventException;
import org.rollcall.identity.account.AuditLog;

/**
 * Records what each service confirmed it removed for an erasure (group {@code identity-erasures},
 * so one identity instance records each confirmation; the database makes a repeat a no-op) and
 * completes the erasure when the last one arrives, with one audit entry naming what each removed.
 */
@ApplicationScoped
public class ErasureConfirmations {
    private static final Logger LOG = Logger.getLogger(ErasureConfirmations.class);

    private final EntityManager em;
    private final AuditLog audit;
    private final EventCodec codec = new EventCodec();

    public ErasureConfirmations(EntityManager em, AuditLog audit) {
        this.em = em;
        this.audit = audit;
    }

    @Incoming("erasure-confirmations")
    @Blocking(ordered = true)
    @Transactional
    public void record(ConsumerRecord<String, byte[]> record) {
        ErasureConfirmation c;
        try {
            c = codec.decode(record.value(), ErasureConfirmation.class);
        } catch (MalformedEventException e) {
            LOG.errorf("skipping a malformed erasure confirmation at %d@%d: %s", record.partition(), record.offset(), e.getMessage());
            return;
        }
        String removed = new TreeMap<>(c.removed()).entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(" "));
        // erasures requested elsewhere (or rolled back after the broker took them) are not ours to record
        int added = em.createNativeQuery("""
                INSERT INTO identity.erasure_step (erasure_id, service, removed, confirmed_at)
                SELECT id, :service, :removed, :at FROM identity.erasure WHERE id = :id AND org_id = :org
                ON CONFLICT (erasure_id, service) DO NOTHING""")
                .setParameter("id", c.erasureId()).setParameter("org", c.orgId()).setParameter("service", c.service())
                .setParameter("removed", removed.isEmpty() ? "nothing" : removed)
                .setParameter("at", OffsetDateTime.ofInstant(c.completedAt(), ZoneOffset.UTC)).executeUpdate();
        if (added == 0) {
            return;
        }
        int completed = em.createNativeQuery("""
                UPDATE identity.erasure SET completed_at = now()
                WHERE id = :id AND completed_at IS NULL
                  AND (SELECT count(*) FROM identity.erasure_step WHERE erasure_id = :id AND service IN (:services)) = :needed""")
                .setParameter("id", c.erasureId()).setParameter("services", ErasureConfirmation.CONFIRMING_SERVICES)
                .setParameter("needed", ErasureConfirmation.CONFIRMING_SERVICES.size()).executeUpdate();
        if (completed == 1) {
            audit.record(c.orgId(), "system", "ERASE_COMPLETED", c.erasureId() + " " + ErasureSteps.removed(em, c.erasureId()));
        }
    }
}
