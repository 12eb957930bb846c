package org.rollcall.attendance.roster;

import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import io.quarkus.narayana.jta.QuarkusTransaction;
import org.rollcall.attendance.sighting.RetryingWriter;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;
import org.rollcall.events.Keys;
import org.rollcall.events.MalformedEventException;

/**
 * Follows rollcall.face-templates.v1 for its keys only (org/person/template; a tombstone erases):
 * the people enrolled per organization are the roster that "absent" counts against. No
 * embedding is stored here.
 */
@ApplicationScoped
public class RosterConsumer {
    private static final Logger LOG = Logger.getLogger(RosterConsumer.class);

    private final EntityManager em;
    private final RetryingWriter writer;

    public RosterConsumer(EntityManager em, RetryingWriter writer) {
        this.em = em;
        this.writer = writer;
    }

    /** A database outage is waited out (the consumer pauses) instead of stopping the channel. */
    @Incoming("face-templates")
    @Blocking(ordered = true)
    public void consume(ConsumerRecord<String, byte[]> record) {
        writer.write(() -> {
            QuarkusTransaction.requiringNew().run(() -> apply(record));
            return null;
        });
    }

    void apply(ConsumerRecord<String, byte[]> record) {
        String[] k;
        try {
            k = Keys.split(record.key(), 3);
        } catch (MalformedEventException e) {
            LOG.warnf("skipping face template with a bad key at %s-%d@%d: %s", record.topic(), record.partition(),
                    record.offset(), e.getMessage());
            return;
        }
        if (record.value() == null) {
            em.createNativeQuery("DELETE FROM attendance.roster_template WHERE org_id = :o AND person_id = :p AND template_id = :t")
                    .setParameter("o", k[0]).setParameter("p", k[1]).setParameter("t", k[2]).executeUpdate();
        } else {
            em.createNativeQuery("""
                    INSERT INTO attendance.roster_template (org_id, person_id, template_id) VALUES (:o, :p, :t)
                    ON CONFLICT DO NOTHING""")
                    .setParameter("o", k[0]).setParameter("p", k[1]).setParameter("t", k[2]).executeUpdate();
        }
    }
}
