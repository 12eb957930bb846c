package org.rollcall.attendance.sighting;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.rollcall.events.IdentityEvent;

/** Writes identity events once; a second write of the same event id is a no-op. */
@ApplicationScoped
public class SightingStore {
    private final EntityManager em;

    public SightingStore(EntityManager em) {
        this.em = em;
    }

    /** @return true when the event was new, false for a duplicate */
    @Transactional
    public boolean recordOnce(IdentityEvent e) {
        int rows = em.createNativeQuery("""
                INSERT INTO attendance.sighting (event_id, org_id, site_id, camera_id, person_id, similarity, liveness, captured_at)
                VALUES (:id, :org, :site, :camera, :person, :similarity, :liveness, :capturedAt)
                ON CONFLICT (event_id) DO NOTHING""")
                .setParameter("id", UUID.fromString(e.eventId()))
                .setParameter("org", e.orgId())
                .setParameter("site", e.siteId())
                .setParameter("camera", e.cameraId())
                .setParameter("person", e.personId())
                .setParameter("similarity", (float) e.similarity())
                .setParameter("liveness", e.liveness() == null ? null : e.liveness().floatValue())
                .setParameter("capturedAt", OffsetDateTime.ofInstant(e.capturedAt(), ZoneOffset.UTC))
                .executeUpdate();
        return rows == 1;
    }
}
