package org.rollcall.attendance.outbox;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** Row of attendance.outbox: an attendance event waiting to be published. */
@Entity
@Table(name = "outbox")
public class OutboxEntry extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "event_key")
    public String eventKey;
    public byte[] payload;
    @Column(name = "created_at")
    public Instant createdAt;
}
