package org.rollcall.attendance.policy;

import java.time.LocalTime;

/** Expected hours: arriving after start + grace is late, leaving before end - grace is early. */
public record Schedule(LocalTime start, LocalTime end, int graceMinutes) {
    public Schedule {
        if (graceMinutes < 0 || graceMinutes > 720) {
            throw new IllegalArgumentException("graceMinutes must be 0..720");
        }
        if (start != null && end != null && !end.isAfter(start)) {
            throw new IllegalArgumentException("the schedule must end after it starts");
        }
    }

    public boolean late(LocalTime arrival) {
        return start != null && arrival.isAfter(start.plusMinutes(graceMinutes));
    }

    public boolean earlyLeave(LocalTime departure) {
        return end != null && departure.isBefore(end.minusMinutes(graceMinutes));
    }

    public static Schedule none() {
        return new Schedule(null, null, 0);
    }
}
