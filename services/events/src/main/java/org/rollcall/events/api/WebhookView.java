package org.rollcall.events.api;

import java.time.Instant;

/**
 * An organization's webhook: attendance POSTs each of its attendance events to {@code url},
 * signed with the webhook's secret. {@code secret} is given once, in the answer that creates the
 * webhook, and is null in every listing.
 */
public record WebhookView(String id, String url, boolean enabled, Instant createdAt, String secret) {
}
