package org.rollcall.events.api;

import java.time.LocalDate;

/**
 * A day at a glance. {@code enrolled} is the roster (people with face templates plus anyone with
 * a record that day); {@code absent} is the roster minus those present; null for one site
 * (people are not assigned to sites).
 */
public record AttendanceSummary(LocalDate day, String siteId, long present, long late, long earlyLeave, long enrolled, Long absent) {
}
