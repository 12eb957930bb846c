package org.rollcall.attendance.webhook;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Webhook delivery ({@code rollcall.attendance.webhooks.*}). */
@ConfigMapping(prefix = "rollcall.attendance.webhooks")
public interface WebhookConfig {
    /** Attempts per event before its delivery is FAILED (about 9 hours with the defaults). */
    @WithDefault("10")
    int maxAttempts();

    /** The wait after the first failed attempt; each further one doubles it, up to {@link #maxRetryDelay()}. */
    @WithDefault("10S")
    Duration firstRetryDelay();

    @WithDefault("2H")
    Duration maxRetryDelay();

    /** How long one POST may take (connect and answer). */
    @WithDefault("5S")
    Duration timeout();

    /** Deliveries one pass of the dispatcher takes on (each instance claims its own). */
    @WithDefault("50")
    int batchSize();

    /**
     * Addresses in private, loopback and link-local networks are refused (a webhook must not
     * reach into the cluster or the cloud's metadata service); a one-machine install whose
     * receiver is on the LAN turns this on.
     */
    @WithDefault("false")
    boolean allowPrivateNetworks();

    /** Plain http:// addresses (the secret still signs, but anyone on the path reads the events). */
    @WithDefault("false")
    boolean allowHttp();

    /** Webhooks one organization may have. */
    @WithDefault("5")
    int maxPerOrganization();
}
