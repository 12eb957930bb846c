package org.rollcall.identity.erasure;

import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.rollcall.events.Erasure;
import org.rollcall.events.ErasureConfirmation;
import org.rollcall.events.EventCodec;
import org.rollcall.identity.ServiceUnavailable;
import org.rollcall.identity.account.AuditLog;
import org.rollcall.identity.account.Ids;
import org.rollcall.identity.account.User;
import org.rollcall.identity.enroll.Photo;

/**
 * Erasing a person's biometric data is an event: identity removes its own part (the photos) and
 * publishes the erasure on rollcall.erasures.v1 in one step (if the broker does not take it,
 * nothing changes and the user may retry); recognition and attendance apply it whenever they
 * run and confirm what they removed ({@link ErasureConfirmations}). Until all have, the portal
 * shows the erasure as pending.
 */
@ApplicationScoped
public class ErasureRequests {
    static final String SERVICE = "identity";
    private static final Duration PUBLISH_TIMEOUT = Duration.ofSeconds(15);

    private final EntityManager em;
    private final AuditLog audit;
    private final MutinyEmitter<byte[]> erasures;
    private final EventCodec codec = new EventCodec();

    private final org.rollcall.identity.dashboard.RecentFacesPublisher faces;
    private final org.rollcall.identity.dashboard.DashboardViews views;

    public ErasureRequests(EntityManager em, AuditLog audit, @Channel("erasures") MutinyEmitter<byte[]> erasures,
            org.rollcall.identity.dashboard.RecentFacesPublisher faces, org.rollcall.identity.dashboard.DashboardViews views) {
        this.faces = faces;
        this.views = views;
        this.em = em;
        this.audit = audit;
        this.erasures = erasures;
    }

    /** The state of an erasure as the portal shows it; {@code waitingFor} is empty once complete. */
    public record Status(String erasureId, Instant requestedAt, Instant completedAt, List<String> waitingFor, Map<String, String> removed) {
        public boolean pending() {
            return completedAt == null;
        }
    }

    /** Requests the erasure of a person of the organization; returns its id. */
    @Transactional
    public String request(String orgId, String personId, boolean attendance, String actor) {
        if (User.inOrg(orgId, personId) == null) {
            throw new jakarta.ws.rs.NotFoundException();
        }
        Erasure erasure = new Erasure(Erasure.VERSION, Ids.id("er"), orgId, personId, attendance, Instant.now());
        long photos = Photo.delete("orgId = ?1 and personId = ?2", orgId, personId);
        // the dashboards' thumbnails of the person (identity's own part besides the photos); first, because
        // forgetting them changes nothing if the erasure then cannot be sent
        faces.forget(org.rollcall.events.RecentFace.key(orgId, org.rollcall.events.RecentFace.PERSON, personId));
        return publish(erasure, photos, actor);
    }

    /**
     * Requests the erasure of a whole organization's biometric and attendance data (the platform
     * admin's, e.g. when an organization leaves): every photo, template, dashboard face, record
     * and sighting. Accounts, sites and cameras stay until removed.
     */
    @Transactional
    public String requestOrganization(String orgId, String actor) {
        if (org.rollcall.identity.account.Organization.findById(orgId) == null) {
            throw new jakarta.ws.rs.NotFoundException();
        }
        Erasure erasure = new Erasure(Erasure.VERSION, Ids.id("er"), orgId, null, true, Instant.now());
        long photos = Photo.delete("orgId", orgId);
        views.faces().keys(orgId).forEach(faces::forget);
        return publish(erasure, photos, actor);
    }

    private String publish(Erasure erasure, long photos, String actor) {
        String orgId = erasure.orgId();
        String personId = erasure.personId();
        boolean attendance = erasure.attendance();
        em.createNativeQuery("""
                INSERT INTO identity.erasure (id, org_id, person_id, attendance, requested_by, requested_at)
                VALUES (:id, :org, :person, :attendance, :actor, :at)""")
                .unwrap(org.hibernate.query.NativeQuery.class)
                // a whole organization's erasure has no person: a typed null
                .setParameter("person", personId, org.hibernate.type.StandardBasicTypes.STRING)
                .setParameter("id", erasure.erasureId()).setParameter("org", orgId)
                .setParameter("attendance", attendance).setParameter("actor", actor)
                .setParameter("at", OffsetDateTime.ofInstant(erasure.requestedAt(), ZoneOffset.UTC)).executeUpdate();
        em.createNativeQuery("""
                INSERT INTO identity.erasure_step (erasure_id, service, removed, confirmed_at) VALUES (:id, :service, :removed, now())""")
                .setParameter("id", erasure.erasureId()).setParameter("service", SERVICE).setParameter("removed", "photos=" + photos)
                .executeUpdate();
        audit.record(orgId, actor, "ERASE_REQUESTED", erasure.erasureId() + (personId == null ? " organization" : " person=" + personId)
                + " photos=" + photos + (attendance ? " attendance too" : ""));
        try {
            // inside the transaction: a broker that does not acknowledge rolls the photos' deletion back
            erasures.sendMessage(Message.of(codec.encode(erasure))
                    .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(erasure.key()).build()))
                    .await().atMost(PUBLISH_TIMEOUT);
        } catch (RuntimeException e) {
            throw new ServiceUnavailable("the erasure could not be sent to the other services; nothing was erased, try again");
        }
        return erasure.erasureId();
    }

    /** The person's latest erasure (the organization's, with a null person), or null when there was none. */
    @Transactional
    public Status latest(String orgId, String personId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                SELECT id, requested_at, completed_at FROM identity.erasure
                WHERE org_id = :org AND person_id IS NOT DISTINCT FROM :person ORDER BY requested_at DESC LIMIT 1""")
                .unwrap(org.hibernate.query.NativeQuery.class)
                .setParameter("person", personId, org.hibernate.type.StandardBasicTypes.STRING)
                .setParameter("org", orgId).getResultList();
        if (rows.isEmpty()) {
            return null;
        }
        String id = (String) rows.get(0)[0];
        Map<String, String> removed = ErasureSteps.removed(em, id);
        List<String> waiting = new ArrayList<>(ErasureConfirmation.CONFIRMING_SERVICES);
        waiting.removeAll(removed.keySet());
        return new Status(id, instant(rows.get(0)[1]), instant(rows.get(0)[2]), waiting, removed);
    }

    /** Whether an erasure of the person is still waiting for a service (enrolling now would race it). */
    public boolean pending(String orgId, String personId) {
        Status s = latest(orgId, personId);
        return s != null && s.pending();
    }

    static Instant instant(Object column) {
        if (column == null) {
            return null;
        }
        if (column instanceof java.sql.Timestamp t) {
            return t.toInstant();
        }
        if (column instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        return (Instant) column;
    }
}
