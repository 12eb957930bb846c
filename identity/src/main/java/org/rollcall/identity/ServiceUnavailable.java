package org.rollcall.identity;

/** A dependency (the broker, another service) did not answer; nothing was changed and the user may retry. */
public class ServiceUnavailable extends RuntimeException {
    public ServiceUnavailable(String message) {
        super(message);
    }
}
