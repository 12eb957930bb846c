package org.rollcall.events.api;

import java.time.Instant;

/** An audit entry as the API shows it. */
public record AuditView(String actor, String action, String reason, String before, String after, Instant at) {
}
