package org.rollcall.events;

/** A message that cannot be decoded or fails validation. Consumers count it and move on. */
public class MalformedEventException extends RuntimeException {
    public MalformedEventException(String message) {
        super(message);
    }

    public MalformedEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
