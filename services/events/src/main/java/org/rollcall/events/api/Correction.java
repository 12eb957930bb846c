package org.rollcall.events.api;

import java.time.Instant;

/** Body of POST /api/v1/attendance/{id}/corrections. */
public record Correction(Instant checkIn, Instant checkOut, String reason) {
}
