package org.rollcall.attendance.outbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import org.rollcall.events.AttendanceEvent;
import org.rollcall.events.EventCodec;

/**
 * Adds an attendance event to the caller's transaction; {@link OutboxPublisher} sends it to Kafka
 * after commit, and the organization's webhooks get a delivery each (same transaction).
 */
@ApplicationScoped
public class Outbox {
    private final EventCodec codec = new EventCodec();
    private final org.rollcall.attendance.webhook.Webhooks webhooks;

    public Outbox(org.rollcall.attendance.webhook.Webhooks webhooks) {
        this.webhooks = webhooks;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void add(AttendanceEvent event) {
        OutboxEntry e = new OutboxEntry();
        e.eventKey = event.key();
        e.payload = codec.encode(event);
        e.createdAt = Instant.now();
        e.persist();
        webhooks.enqueue(event, e.payload);
    }
}
