package org.rollcall.attendance.record;

import java.time.Instant;
import java.time.LocalDate;

/** An attendance record as the API shows it. */
public record RecordView(long id, String personId, LocalDate day, String siteId, String cameraId, Instant checkIn,
        Instant checkOut, boolean late, boolean earlyLeave, String source) {
    static RecordView of(AttendanceRecord r) {
        return new RecordView(r.id, r.personId, r.day, r.siteId, r.cameraId, r.checkIn, r.checkOut, r.late, r.earlyLeave,
                r.source.name());
    }
}
