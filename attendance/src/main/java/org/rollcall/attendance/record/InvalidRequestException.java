package org.rollcall.attendance.record;

/** A request that breaks a rule the caller can fix; its message is shown to the caller. */
public class InvalidRequestException extends RuntimeException {
    public InvalidRequestException(String message) {
        super(message);
    }
}
