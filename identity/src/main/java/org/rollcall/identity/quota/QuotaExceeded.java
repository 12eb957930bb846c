package org.rollcall.identity.quota;

/** An organization reached one of its quotas: answered 429 with this message. */
public class QuotaExceeded extends RuntimeException {
    public QuotaExceeded(String message) {
        super(message);
    }
}
