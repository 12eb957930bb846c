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
 * Follows rollcall.face-templates.v1 for its keys (org/person/template; a tombstone erases) and the
 * person's employee id: the people enrolled per organization are the roster that "absent" counts
 * against, and the employee id goes into their attendance events. No embedding is stored here.
 */
@ApplicationScoped
public class RosterConsumer {
    private static final Logger LOG = Logger.getLogger(RosterConsumer.class);

    private final EntityManager em;
    private final RetryingWriter writer;
    private final org.rollcall.events.EventCodec codec = new org.rollcall.events.EventCodec();

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

    /** The template's employee id; a value that does not decode still counts the person (without one). */
    private String externalId(ConsumerRecord<String, byte[]> record) {
        try {
            return codec.decode(record.value(), org.rollcall.events.FaceTemplate.class).externalId();
        } catch (MalformedEventException e) {
            LOG.warnf("face template at %s-%d@%d without a readable body: %s", record.topic(), record.partition(), record.offset(),
                    e.getMessage());
            return null;
        }
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
                    INSERT INTO attendance.roster_template (org_id, person_id, template_id, external_id) VALUES (:o, :p, :t, :e)
                    ON CONFLICT (org_id, person_id, template_id) DO UPDATE SET external_id = EXCLUDED.external_id""")
                    .setParameter("o", k[0]).setParameter("p", k[1]).setParameter("t", k[2])
                    .setParameter("e", externalId(record)).executeUpdate();
        }
    }
}
