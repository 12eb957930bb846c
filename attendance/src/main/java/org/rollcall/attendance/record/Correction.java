package org.rollcall.attendance.record;

import java.time.Instant;

/** Body of POST /api/v1/attendance/{id}/corrections. */
public record Correction(Instant checkIn, Instant checkOut, String reason) {
}
