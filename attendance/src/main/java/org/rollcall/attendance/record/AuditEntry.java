package org.rollcall.attendance.record;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** Row of the append-only attendance.audit trail. */
@Entity
@Table(name = "audit")
public class AuditEntry extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "org_id")
    public String orgId;
    @Column(name = "record_id")
    public Long recordId;
    @Column(name = "person_id")
    public String personId;
    public String actor;
    public String action;
    public String reason;
    public String before;
    public String after;
    public Instant at;

    static AuditEntry of(String orgId, Long recordId, String personId, String actor, String action, String reason,
            String before, String after) {
        AuditEntry a = new AuditEntry();
        a.orgId = orgId;
        a.recordId = recordId;
        a.personId = personId;
        a.actor = actor;
        a.action = action;
        a.reason = reason;
        a.before = before;
        a.after = after;
        a.at = Instant.now();
        return a;
    }
}
