package org.rollcall.events.api;

/** The body that creates a webhook: the https address attendance events are POSTed to. */
public record NewWebhook(String url) {
}
