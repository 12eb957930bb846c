package org.rollcall.events.api;

import java.time.Instant;

/**
 * One attendance event's delivery to a webhook: {@code state} PENDING (with the time of its next
 * attempt), DELIVERED or FAILED (attempts exhausted); the last answer's HTTP status or the error.
 */
public record DeliveryView(String eventId, String eventType, String state, int attempts, Integer lastStatus, String lastError,
        Instant createdAt, Instant nextAttemptAt, Instant deliveredAt) {
}
