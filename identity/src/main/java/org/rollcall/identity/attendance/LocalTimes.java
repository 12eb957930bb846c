package org.rollcall.identity.attendance;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import org.rollcall.identity.account.InvalidInput;

/**
 * Times as a site's clocks show them: every page prints an instant in the zone of the site it
 * happened at, with the zone's short name, and reads a time an admin types as that site's time.
 */
public final class LocalTimes {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT);
    private static final DateTimeFormatter ZONE_NAME = DateTimeFormatter.ofPattern("zzz", Locale.ENGLISH);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE d MMM uuuu", Locale.ENGLISH);

    private LocalTimes() {
    }

    /** "05:35 JST"; empty for no time. */
    public static String time(Instant t, ZoneId zone) {
        return t == null ? "" : TIME.format(t.atZone(zone)) + " " + ZONE_NAME.format(t.atZone(zone));
    }

    /** "05:35" (the zone is printed once beside it); empty for no time. */
    public static String clock(Instant t, ZoneId zone) {
        return t == null ? "" : TIME.format(t.atZone(zone));
    }

    /** "Wed 2 Dec 2026". */
    public static String day(LocalDate d) {
        return DAY.format(d);
    }

    /** A zone id, or UTC for a missing or unknown one (an old record, a renamed zone). */
    public static ZoneId zone(String id) {
        try {
            return id == null || id.isBlank() ? ZoneId.of("UTC") : ZoneId.of(id);
        } catch (DateTimeException e) {
            return ZoneId.of("UTC");
        }
    }

    /**
     * A time of day an admin typed ("08:45") on {@code day} at a site in {@code zone}; blank is null
     * when {@code optional}. In a daylight-saving gap the time moves forward by the gap's length;
     * in an overlap the earlier of the two instants is taken (java.time's rules).
     */
    public static Instant at(LocalDate day, String hhmm, ZoneId zone, String field, boolean optional) {
        if (hhmm == null || hhmm.isBlank()) {
            if (optional) {
                return null;
            }
            throw InvalidInput.of(field, "Enter a time (HH:MM).");
        }
        try {
            return day.atTime(LocalTime.parse(hhmm.trim())).atZone(zone).toInstant();
        } catch (DateTimeParseException e) {
            throw InvalidInput.of(field, "Enter a time as HH:MM (24-hour).");
        }
    }
}
