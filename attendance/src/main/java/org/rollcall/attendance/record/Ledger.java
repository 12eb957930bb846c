package org.rollcall.attendance.record;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.rollcall.attendance.outbox.Outbox;
import org.rollcall.attendance.policy.Policy;
import org.rollcall.attendance.policy.PolicyStore;
import org.rollcall.attendance.sighting.SightingStore;
import org.rollcall.events.AttendanceEvent;
import org.rollcall.events.IdentityEvent;

/**
 * The attendance rules. Everything one identity event changes (sighting, record, outbox event)
 * commits in one transaction, and the sighting's primary key (the event id) makes a redelivered
 * event a no-op.
 *
 * <ul>
 * <li>Only known identities at or above the policy's similarity (and liveness) thresholds count.
 * <li>The first accepted sighting of a local day is the check-in; an earlier one arriving late
 * moves the check-in back (re-published as CHECK_IN).
 * <li>A sighting at least one cooldown after the last-seen time moves the check-out (CHECK_OUT);
 * within the cooldown nothing changes, which also throttles CHECK_OUT events to one per cooldown.
 * </ul>
 */
@ApplicationScoped
public class Ledger {
    /** What an identity event did. */
    public enum Outcome { CHECKED_IN, CHECKED_OUT, UNCHANGED, DUPLICATE, REJECTED_UNKNOWN, REJECTED_SIMILARITY, REJECTED_LIVENESS, REJECTED_ERASED }

    /** The fence's person id for a whole organization's erasure. */
    static final String WHOLE_ORGANIZATION = "*";

    private final EntityManager em;
    private final PolicyStore policies;
    private final SightingStore sightings;
    private final Outbox outbox;
    private final org.rollcall.attendance.webhook.Webhooks webhooks;

    public Ledger(EntityManager em, PolicyStore policies, SightingStore sightings, Outbox outbox,
            org.rollcall.attendance.webhook.Webhooks webhooks) {
        this.webhooks = webhooks;
        this.em = em;
        this.policies = policies;
        this.sightings = sightings;
        this.outbox = outbox;
    }

    @Transactional
    public Outcome apply(IdentityEvent e) {
        Policy policy = policies.get(e.orgId());
        String rejection = policy.rejection(e.personId(), e.similarity(), e.liveness());
        if (rejection != null) {
            return switch (rejection) {
                case "unknown" -> Outcome.REJECTED_UNKNOWN;
                case "similarity" -> Outcome.REJECTED_SIMILARITY;
                default -> Outcome.REJECTED_LIVENESS;
            };
        }
        if (fenced(e)) {
            return Outcome.REJECTED_ERASED;
        }
        if (!sightings.recordOnce(e)) {
            return Outcome.DUPLICATE;
        }
        // what PostgreSQL stores (microseconds): the record and its events must carry the same time
        java.time.Instant at = e.capturedAt().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        ZoneId zone = policy.zoneOf(e.siteId());
        LocalDate day = DayRules.day(at, zone);
        int created = em.createNativeQuery("""
                INSERT INTO attendance.record (org_id, person_id, day, site_id, camera_id, check_in, late, early_leave, source, updated_at)
                VALUES (:org, :person, :day, :site, :camera, :at, :late, false, 'FACE', now())
                ON CONFLICT (org_id, person_id, day) DO NOTHING""")
                .setParameter("org", e.orgId())
                .setParameter("person", e.personId())
                .setParameter("day", day)
                .setParameter("site", e.siteId())
                .setParameter("camera", e.cameraId())
                .setParameter("at", java.time.OffsetDateTime.ofInstant(at, java.time.ZoneOffset.UTC))
                .setParameter("late", DayRules.late(policy.schedule(), at, zone))
                .executeUpdate();
        AttendanceRecord r = find(e.orgId(), e.personId(), day, true);
        if (created == 1) {
            publish(r, zone, AttendanceEvent.Type.CHECK_IN, null, null, e.eventId());
            return Outcome.CHECKED_IN;
        }
        DayRules.Step step = DayRules.next(new DayRules.Times(r.checkIn, r.checkOut), at, policy.cooldown());
        switch (step.change()) {
            case EARLIER_CHECK_IN -> {
                r.checkIn = step.times().checkIn();
                r.checkOut = step.times().checkOut();
                r.siteId = e.siteId();
                r.cameraId = e.cameraId();
                flags(r, policy, zone);
                publish(r, zone, AttendanceEvent.Type.CHECK_IN, null, null, e.eventId());
                return Outcome.CHECKED_IN;
            }
            case CHECK_OUT -> {
                r.checkOut = step.times().checkOut();
                flags(r, policy, zone);
                publish(r, zone, AttendanceEvent.Type.CHECK_OUT, null, null, e.eventId());
                return Outcome.CHECKED_OUT;
            }
            default -> {
                return Outcome.UNCHANGED;
            }
        }
    }

    /** A manual record (a person without face recognition, a missed check-in); refused if the day has one. */
    @Transactional
    public AttendanceRecord manual(String orgId, String personId, String siteId, LocalDate day, Instant checkIn,
            Instant checkOut, String actor, String reason) {
        Policy policy = policies.get(orgId);
        ZoneId zone = policy.zoneOf(siteId);
        DayRules.requireWithinDay(day, zone, checkIn, checkOut);
        if (find(orgId, personId, day, false) != null) {
            throw new RecordConflictException("a record for this person and day exists; correct it instead");
        }
        AttendanceRecord r = new AttendanceRecord();
        r.orgId = orgId;
        r.personId = personId;
        r.day = day;
        r.siteId = siteId;
        r.checkIn = checkIn;
        r.checkOut = checkOut;
        r.source = AttendanceRecord.Source.MANUAL;
        flags(r, policy, zone);
        r.persist();
        AuditEntry.of(orgId, r.id, personId, actor, "MANUAL", reason, null, r.snapshot()).persist();
        publish(r, zone, AttendanceEvent.Type.MANUAL, actor, reason, "manual:" + r.id + ":" + UUID.randomUUID());
        return r;
    }

    /** Changes a record's times; the audit trail keeps what it was before. */
    @Transactional
    public AttendanceRecord correct(String orgId, long recordId, Instant checkIn, Instant checkOut, String actor, String reason) {
        AttendanceRecord r = AttendanceRecord.find("id = ?1 and orgId = ?2", recordId, orgId)
                .withLock(LockModeType.PESSIMISTIC_WRITE).firstResult();
        if (r == null) {
            return null;
        }
        Policy policy = policies.get(orgId);
        ZoneId zone = policy.zoneOf(r.siteId);
        DayRules.requireWithinDay(r.day, zone, checkIn, checkOut);
        String before = r.snapshot();
        r.checkIn = checkIn;
        r.checkOut = checkOut;
        flags(r, policy, zone);
        AuditEntry.of(orgId, r.id, r.personId, actor, "CORRECTION", reason, before, r.snapshot()).persist();
        publish(r, zone, AttendanceEvent.Type.CORRECTION, actor, reason, "correction:" + r.id + ":" + UUID.randomUUID());
        return r;
    }

    /**
     * Erases a person's attendance (records, sightings, and audit entries that describe them),
     * leaving one ERASE entry that says who erased it and why.
     */
    @Transactional
    public long erase(String orgId, String personId, String actor, String reason) {
        fence(orgId, personId, Instant.now());
        deleteSightings(orgId, personId);
        long records = deleteAttendance(orgId, personId).get("records");
        AuditEntry.of(orgId, null, personId, actor, "ERASE", reason, records + " records", null).persist();
        return records;
    }

    /**
     * Applies an erasure from identity, idempotently: a fence first (events captured before it are
     * refused from now on), then the person's sightings (derived from their face), and their
     * records, audit entries and unsent events when the erasure asks for attendance too; a whole
     * organization loses everything. Returns what was removed, by kind.
     */
    @Transactional
    public Map<String, Long> apply(org.rollcall.events.Erasure erasure) {
        String org = erasure.orgId();
        String person = erasure.personId();
        fence(org, erasure.wholeOrganization() ? WHOLE_ORGANIZATION : person, erasure.requestedAt());
        Map<String, Long> removed = new java.util.TreeMap<>();
        removed.put("sightings", deleteSightings(org, person));
        if (erasure.attendance() || erasure.wholeOrganization()) {
            removed.putAll(deleteAttendance(org, person));
            // the delivery log holds the person's records (the whole organization: its webhooks go too)
            removed.put("webhookDeliveries", webhooks.erase(org, person));
            // keys are orgId/personId and ids never contain '/': a prefix names exactly one organization
            removed.put("unsentEvents", (long) em.createNativeQuery(erasure.wholeOrganization()
                            ? "DELETE FROM attendance.outbox WHERE starts_with(event_key, :key)"
                            : "DELETE FROM attendance.outbox WHERE event_key = :key")
                    .setParameter("key", erasure.wholeOrganization() ? org + "/" : org + "/" + person).executeUpdate());
            if (!erasure.wholeOrganization()) {
                AuditEntry.of(org, null, person, "erasure " + erasure.erasureId(), "ERASE", "erasure requested in the portal",
                        removed.get("records") + " records", null).persist();
            }
        }
        if (!erasure.wholeOrganization()) {
            // integrators hold copies of the person's records: tell them (after the unsent events were dropped)
            outbox.add(AttendanceEvent.personErased(erasure.erasureId(), org, person, externalId(org, person), erasure.attendance(),
                    Instant.now()));
        }
        return removed;
    }

    /** A person's sightings, or the whole organization's when person is null. */
    private long deleteSightings(String org, String person) {
        return delete("DELETE FROM attendance.sighting WHERE org_id = :org", org, person);
    }

    /**
     * A person's records and the audit entries about them (the audit is append-only except inside
     * an erasure), or the whole organization's when person is null; returns how many of each.
     */
    private Map<String, Long> deleteAttendance(String org, String person) {
        long records = delete("DELETE FROM attendance.record WHERE org_id = :org", org, person);
        em.createNativeQuery("SELECT set_config('rollcall.erasure', 'on', true)").getSingleResult();
        long audit = delete("DELETE FROM attendance.audit WHERE org_id = :org", org, person);
        em.createNativeQuery("SELECT set_config('rollcall.erasure', 'off', true)").getSingleResult();
        return Map.of("records", records, "auditEntries", audit);
    }

    /** {@code sql} for the organization, narrowed to the person unless person is null. */
    private long delete(String sql, String org, String person) {
        var q = em.createNativeQuery(person == null ? sql : sql + " AND person_id = :person").setParameter("org", org);
        if (person != null) {
            q.setParameter("person", person);
        }
        return q.executeUpdate();
    }

    private void fence(String org, String person, Instant before) {
        em.createNativeQuery("""
                INSERT INTO attendance.erasure_fence (org_id, person_id, erased_before) VALUES (:org, :person, :before)
                ON CONFLICT (org_id, person_id) DO UPDATE SET erased_before = GREATEST(erasure_fence.erased_before, EXCLUDED.erased_before)""")
                .setParameter("org", org).setParameter("person", person)
                .setParameter("before", java.time.OffsetDateTime.ofInstant(before, java.time.ZoneOffset.UTC)).executeUpdate();
    }

    /** Captured before an erasure of this person or of the whole organization. */
    private boolean fenced(IdentityEvent e) {
        Number n = (Number) em.createNativeQuery("""
                SELECT count(*) FROM attendance.erasure_fence
                WHERE org_id = :org AND person_id IN (:person, '*') AND erased_before >= :at""")
                .setParameter("org", e.orgId()).setParameter("person", e.personId())
                .setParameter("at", java.time.OffsetDateTime.ofInstant(e.capturedAt(), java.time.ZoneOffset.UTC)).getSingleResult();
        return n.longValue() > 0;
    }

    public AttendanceRecord find(String orgId, String personId, LocalDate day, boolean lock) {
        var q = AttendanceRecord.<AttendanceRecord>find("orgId = ?1 and personId = ?2 and day = ?3", orgId, personId, day);
        if (lock) {
            q = q.withLock(LockModeType.PESSIMISTIC_WRITE);
        }
        List<AttendanceRecord> found = q.list();
        return found.isEmpty() ? null : found.get(0);
    }

    private static void flags(AttendanceRecord r, Policy policy, ZoneId zone) {
        r.late = DayRules.late(policy.schedule(), r.checkIn, zone);
        r.earlyLeave = DayRules.earlyLeave(policy.schedule(), r.checkOut, zone);
        r.updatedAt = Instant.now();
    }

    private void publish(AttendanceRecord r, ZoneId zone, AttendanceEvent.Type type, String actor, String reason, String cause) {
        String eventId = UUID.nameUUIDFromBytes((type + "#" + cause).getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString();
        outbox.add(new AttendanceEvent(AttendanceEvent.VERSION, eventId, type, r.orgId, r.personId, r.siteId, r.cameraId,
                r.day, zone.getId(), r.checkIn, r.checkOut, r.late, r.earlyLeave, actor, reason, Instant.now(),
                externalId(r.orgId, r.personId)));
    }

    /** The person's employee id as their face templates carry it, or null (none, or not enrolled). */
    private String externalId(String org, String person) {
        @SuppressWarnings("unchecked")
        List<String> ids = em.createNativeQuery("""
                SELECT external_id FROM attendance.roster_template
                WHERE org_id = :org AND person_id = :person AND external_id IS NOT NULL LIMIT 1""")
                .setParameter("org", org).setParameter("person", person).getResultList();
        return ids.isEmpty() ? null : ids.get(0);
    }
}
