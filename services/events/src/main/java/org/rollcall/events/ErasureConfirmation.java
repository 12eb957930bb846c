package org.rollcall.events;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What one service removed for an {@link Erasure}, value of {@link Topics#ERASURE_CONFIRMATIONS}
 * under {@link #key()}: identity shows the erasure as pending until every service of
 * {@link #CONFIRMING_SERVICES} confirmed, and audits what each removed.
 *
 * @param removed what was removed, by kind (e.g. "templates" -> 3, "sightings" -> 120)
 */
public record ErasureConfirmation(int version, String erasureId, String orgId, String service, Map<String, Long> removed,
                                  Instant completedAt) {

    public static final int VERSION = 1;

    /** The services besides identity that hold a person's data and must confirm an erasure. */
    public static final List<String> CONFIRMING_SERVICES = List.of("recognition", "attendance");

    public ErasureConfirmation {
        Require.version(version, VERSION, "ErasureConfirmation");
        Require.text(erasureId, "erasureId");
        Require.text(orgId, "orgId");
        Require.text(service, "service");
        Require.present(removed, "removed");
        removed = Map.copyOf(removed);
        Require.present(completedAt, "completedAt");
    }

    /** What {@code service} removed for {@code erasure}, now. */
    public static ErasureConfirmation of(Erasure erasure, String service, Map<String, Long> removed) {
        return new ErasureConfirmation(VERSION, erasure.erasureId(), erasure.orgId(), service, removed, Instant.now());
    }

    public String key() {
        return erasureId + "/" + service;
    }
}
