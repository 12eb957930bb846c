package org.rollcall.events;

import java.time.Instant;
import java.time.LocalDate;

/**
 * The integration contract, value of {@link Topics#ATTENDANCE}. One record per person and
 * local day; each event carries the record's state after the change. {@code day} is the local
 * date in the site's time zone {@code zone} (an IANA id; null only in events written before it
 * was added), the zone late and early leave were reckoned in.
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
        Instant emittedAt) {

    public static final int VERSION = 1;

    /** CHECK_IN: first accepted sighting of the day; CHECK_OUT: last-seen moved; SEEN: informational. */
    public enum Type { CHECK_IN, CHECK_OUT, SEEN, MANUAL, CORRECTION }

    public AttendanceEvent {
        Require.version(version, VERSION, "AttendanceEvent");
        Require.text(eventId, "eventId");
        Require.present(type, "type");
        Require.text(orgId, "orgId");
        Require.text(personId, "personId");
        Require.present(day, "day");
        Require.present(checkIn, "checkIn");
        Require.present(emittedAt, "emittedAt");
        if (checkOut != null && checkOut.isBefore(checkIn)) {
            throw new MalformedEventException("checkOut is before checkIn");
        }
        if ((type == Type.MANUAL || type == Type.CORRECTION) && (actor == null || reason == null)) {
            throw new MalformedEventException(type + " needs an actor and a reason");
        }
    }

    public String key() {
        return Keys.person(orgId, personId);
    }
}
