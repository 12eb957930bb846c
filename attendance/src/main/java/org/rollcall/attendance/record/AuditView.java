package org.rollcall.attendance.record;

import java.time.Instant;

/** An audit entry as the API shows it. */
public record AuditView(String actor, String action, String reason, String before, String after, Instant at) {
    static AuditView of(AuditEntry a) {
        return new AuditView(a.actor, a.action, a.reason, a.before, a.after, a.at);
    }
}
