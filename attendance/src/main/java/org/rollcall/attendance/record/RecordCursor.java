package org.rollcall.attendance.record;

import java.time.Instant;
import java.time.LocalDate;
import org.rollcall.events.api.CursorPage;

/** Where a page of records ends, in the listing's order (day descending, check-in, id): the API's opaque cursor. */
record RecordCursor(LocalDate day, Instant checkIn, long id) {

    static RecordCursor of(AttendanceRecord r) {
        return new RecordCursor(r.day, r.checkIn, r.id);
    }

    String encode() {
        return CursorPage.encode(day + "|" + checkIn + "|" + id);
    }

    /** Throws InvalidRequestException for a cursor this API never gave. */
    static RecordCursor parse(String cursor) {
        try {
            String[] parts = CursorPage.decode(cursor).split("\\|");
            if (parts.length != 3) {
                throw new IllegalArgumentException("three parts");
            }
            return new RecordCursor(LocalDate.parse(parts[0]), Instant.parse(parts[1]), Long.parseLong(parts[2]));
        } catch (RuntimeException e) {
            throw new InvalidRequestException("cursor is not one this API gave");
        }
    }
}
