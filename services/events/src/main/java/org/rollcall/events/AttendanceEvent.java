package org.rollcall.events;

import java.time.Instant;
import java.time.LocalDate;

/**
 * The integration contract, value of {@link Topics#ATTENDANCE}. One record per person and
 * local day; each event carries the record's state after the change. {@code day} is the local
 * date in the site's time zone {@code zone} (an IANA id; null only in events written before it
 * was added), the zone late and early leave were reckoned in. A {@link Type#PERSON_ERASED} event
 * carries no day, site or times: the person's face data (and, as its reason says, their records)
 * were erased, and an integrator erases its copies. {@code externalId} is the person's employee id
 * when identity's import gave one (it travels with their face templates), else null.
 */
public record AttendanceEvent(
        int version,
        String eventId,
        Type type,
        String orgId,
        String personId,
        String siteId,
        String cameraId,
        LocalDate day,
        String zone,
        Instant checkIn,
        Instant checkOut,
        boolean late,
        boolean earlyLeave,
        String actor,
        String reason,
        Instant emittedAt,
        String externalId) {

    public static final int VERSION = 1;

    /** An event about a person without a known external (employee) id. */
    public AttendanceEvent(int version, String eventId, Type type, String orgId, String personId, String siteId, String cameraId,
            LocalDate day, String zone, Instant checkIn, Instant checkOut, boolean late, boolean earlyLeave, String actor,
            String reason, Instant emittedAt) {
        this(version, eventId, type, orgId, personId, siteId, cameraId, day, zone, checkIn, checkOut, late, earlyLeave, actor, reason,
                emittedAt, null);
    }

    /**
     * CHECK_IN: first accepted sighting of the day; CHECK_OUT: last-seen moved; SEEN: informational;
     * MANUAL and CORRECTION: an admin's, with actor and reason; PERSON_ERASED: the person was erased.
     */
    public enum Type { CHECK_IN, CHECK_OUT, SEEN, MANUAL, CORRECTION, PERSON_ERASED }

    public AttendanceEvent {
        Require.version(version, VERSION, "AttendanceEvent");
        Require.text(eventId, "eventId");
        Require.present(type, "type");
        Require.text(orgId, "orgId");
        Require.text(personId, "personId");
        if (type != Type.PERSON_ERASED) {
            Require.present(day, "day");
            Require.present(checkIn, "checkIn");
        } else if (day != null || checkIn != null || checkOut != null || reason == null) {
            throw new MalformedEventException("PERSON_ERASED has a reason and no day or times");
        }
        Require.present(emittedAt, "emittedAt");
        if (checkOut != null && checkOut.isBefore(checkIn)) {
            throw new MalformedEventException("checkOut is before checkIn");
        }
        if ((type == Type.MANUAL || type == Type.CORRECTION) && (actor == null || reason == null)) {
            throw new MalformedEventException(type + " needs an actor and a reason");
        }
    }

    /** The event that tells integrators a person was erased; {@code records} says whether their attendance went too. */
    public static AttendanceEvent personErased(String erasureId, String orgId, String personId, String externalId, boolean records,
            Instant at) {
        String eventId = java.util.UUID.nameUUIDFromBytes(("PERSON_ERASED#" + erasureId).getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .toString();
        return new AttendanceEvent(VERSION, eventId, Type.PERSON_ERASED, orgId, personId, null, null, null, null, null, null, false,
                false, null, records ? "face data and attendance records erased" : "face data erased; attendance records kept", at,
                externalId);
    }

    public String key() {
        return Keys.person(orgId, personId);
    }
}
