package org.rollcall.events.api;

import java.time.Instant;
import java.time.LocalDate;

/** Body of POST /api/v1/attendance/manual. */
public record ManualEntry(String personId, String siteId, LocalDate day, Instant checkIn, Instant checkOut, String reason) {
}
