package org.rollcall.recognition.frames;

/** A frame that cannot be processed; {@code reason} is a short metric tag. */
public class BadFrameException extends RuntimeException {
    private final String reason;

    public BadFrameException(String reason, String message) {
        super(message);
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }
}
