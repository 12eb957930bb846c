package org.rollcall.attendance.record;

import org.rollcall.attendance.policy.Policy;
import org.rollcall.events.api.RecordView;

/** A stored record as the API shows it ({@link RecordView}, shared with identity's client). */
final class RecordViews {
    private RecordViews() {
    }

    static RecordView of(AttendanceRecord r, Policy policy) {
        return new RecordView(r.id, r.personId, r.day, r.siteId, r.cameraId, r.checkIn, r.checkOut, r.late, r.earlyLeave,
                r.source.name(), policy.zoneOf(r.siteId).getId());
    }
}
