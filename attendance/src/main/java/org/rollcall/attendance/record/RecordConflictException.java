package org.rollcall.attendance.record;

/** The change would create a second record for one person and day. */
public class RecordConflictException extends RuntimeException {
    public RecordConflictException(String message) {
        super(message);
    }
}
