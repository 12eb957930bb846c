package org.rollcall.events.api;

/**
 * The one error body of every service API: a stable machine-readable {@code reason}
 * (e.g. "no_face", "invalid_request", "unavailable") and a message for people.
 */
public record ApiError(String reason, String message) {
}
