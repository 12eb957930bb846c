package org.rollcall.attendance.record;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.rollcall.attendance.policy.Schedule;

/**
 * The rules of one person's day record, without a database: what an accepted sighting changes,
 * the late/early flags, and which manual times fit a day. {@link Ledger} applies them inside its
 * transaction; keeping them pure lets every edge (cooldown boundaries, late arrivals, midnight,
 * DST) be tested directly.
 */
public final class DayRules {
    private DayRules() {
    }

    /**
     * How much earlier than the check-in a late-arriving sighting must be to move it. Cameras are
     * analysed in parallel, so sightings a second apart reach attendance in either order; moving
     * the check-in by a second would publish a second CHECK_IN that says nothing an attendance
     * record cares about (the system bench saw 1-3 such per row with many cameras). Sightings
     * held back longer (an edge site's outage, a replay) still move it.
     */
    public static final Duration REORDER_TOLERANCE = Duration.ofSeconds(5);

    /** What a sighting does to an existing record. */
    public enum Change {
        /** an earlier sighting arrived late: it becomes the check-in */
        EARLIER_CHECK_IN,
        /** at least one cooldown after the last-seen time: the check-out moves */
        CHECK_OUT,
        /** within the cooldown, not later than what the record holds, or earlier by less than {@link #REORDER_TOLERANCE} */
        NONE
    }

    /** A record's times; checkOut is null until a later sighting counts. */
    public record Times(Instant checkIn, Instant checkOut) {
        public Times {
            if (checkIn == null) {
                throw new IllegalArgumentException("a record always has a check-in");
            }
        }

        Instant lastSeen() {
            return checkOut == null ? checkIn : checkOut;
        }
    }

    /** The change and the record's times after it. */
    public record Step(Change change, Times times) {
    }

    /** Applies a sighting at {@code at} to a record that already exists for its day. */
    public static Step next(Times current, Instant at, Duration cooldown) {
        if (at.isBefore(current.checkIn()) && atLeast(at, current.checkIn(), REORDER_TOLERANCE)) {
            // the old check-in becomes the last-seen time when it is at least a cooldown later
            Instant out = current.checkOut();
            if (out == null && atLeast(at, current.checkIn(), cooldown)) {
                out = current.checkIn();
            }
            return new Step(Change.EARLIER_CHECK_IN, new Times(at, out));
        }
        Instant lastSeen = current.lastSeen();
        if (at.isAfter(lastSeen) && atLeast(lastSeen, at, cooldown)) {
            return new Step(Change.CHECK_OUT, new Times(current.checkIn(), at));
        }
        return new Step(Change.NONE, current);
    }

    /** Whether {@code to} is at least {@code gap} after {@code from}. */
    static boolean atLeast(Instant from, Instant to, Duration gap) {
        return !Duration.between(from, to).minus(gap).isNegative();
    }

    /** The local day a moment belongs to at a site. */
    public static LocalDate day(Instant at, ZoneId zone) {
        return LocalDate.ofInstant(at, zone);
    }

    public static boolean late(Schedule schedule, Instant checkIn, ZoneId zone) {
        return schedule.late(checkIn.atZone(zone).toLocalTime());
    }

    public static boolean earlyLeave(Schedule schedule, Instant checkOut, ZoneId zone) {
        return checkOut != null && schedule.earlyLeave(checkOut.atZone(zone).toLocalTime());
    }

    /** Manual entries and corrections: a check-in on that local day, a check-out not before it. */
    public static void requireWithinDay(LocalDate day, ZoneId zone, Instant checkIn, Instant checkOut) {
        if (checkIn == null) {
            throw new InvalidRequestException("checkIn is required");
        }
        if (!day(checkIn, zone).equals(day)) {
            throw new InvalidRequestException("checkIn is not on " + day + " in " + zone);
        }
        if (checkOut != null && checkOut.isBefore(checkIn)) {
            throw new InvalidRequestException("checkOut is before checkIn");
        }
    }
}
