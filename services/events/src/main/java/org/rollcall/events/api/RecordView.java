package org.rollcall.events.api;

import java.time.Instant;
import java.time.LocalDate;

/** An attendance record as the API shows it. */
public record RecordView(long id, String personId, LocalDate day, String siteId, String cameraId, Instant checkIn,
        Instant checkOut, boolean late, boolean earlyLeave, String source) {
}
