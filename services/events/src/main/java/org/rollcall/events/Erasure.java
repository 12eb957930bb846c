package org.rollcall.events;

import java.time.Instant;

/**
 * A request to erase a person's data (or, with no person, a whole organization's), value of
 * {@link Topics#ERASURES} under {@link #key()}. Published by identity; every service that holds
 * data applies it idempotently and answers with an {@link ErasureConfirmation}. Attendance keeps
 * a person's records unless {@code attendance} asks for them too (they may be payroll evidence).
 */
public record Erasure(int version, String erasureId, String orgId, String personId, boolean attendance, Instant requestedAt) {

    public static final int VERSION = 1;

    public Erasure {
        Require.version(version, VERSION, "Erasure");
        Require.text(erasureId, "erasureId");
        Require.text(orgId, "orgId");
        if (personId != null) {
            Require.text(personId, "personId");
        }
        Require.present(requestedAt, "requestedAt");
    }

    /** True when the whole organization is erased. */
    public boolean wholeOrganization() {
        return personId == null;
    }

    public String key() {
        return erasureId;
    }
}
