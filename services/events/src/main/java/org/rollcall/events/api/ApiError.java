package org.rollcall.events.api;

/**
 * The one error body of every service API: RFC 9457 problem details, served as
 * {@value #MEDIA_TYPE}. {@code type} is stable per kind of error ({@value #TYPE_PREFIX} and the
 * {@code reason}, e.g. {@code urn:rollcall:problem:no_face}); {@code reason} repeats its last part
 * for clients that switch on a short code; {@code detail} is for people.
 */
public record ApiError(String type, String title, int status, String detail, String reason) {
    public static final String MEDIA_TYPE = "application/problem+json";
    public static final String TYPE_PREFIX = "urn:rollcall:problem:";

    /** A problem of kind {@code reason} ("no_face", "invalid_request", "unauthorized", ...). */
    public static ApiError of(int status, String reason, String detail) {
        String title = reason.replace('_', ' ');
        return new ApiError(TYPE_PREFIX + reason, Character.toUpperCase(title.charAt(0)) + title.substring(1), status, detail, reason);
    }
}
