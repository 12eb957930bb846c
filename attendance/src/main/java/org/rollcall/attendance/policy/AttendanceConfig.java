package org.rollcall.attendance.policy;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** Defaults for organizations that have not set their own policy ({@code rollcall.attendance.*}). */
@ConfigMapping(prefix = "rollcall.attendance")
public interface AttendanceConfig {
    /** Cosine similarity an identity needs to count; recognition's default threshold. */
    @WithDefault("0.42")
    double similarityThreshold();

    /**
     * Live score a sighting needs to count (photo and screen spoofs score low). Empty turns the
     * check off. 0.5 is the model's decision boundary (softmax of live vs spoof).
     */
    @WithDefault("0.5")
    Optional<Double> livenessThreshold();

    /** A repeat sighting within this window of the last change changes nothing. */
    @WithDefault("5M")
    Duration cooldown();

    /** Time zone of the local day when neither the organization nor the site sets one. */
    @WithDefault("UTC")
    String zone();

    /**
     * How long a sighting (an applied identity event, the key that makes a redelivered event a
     * no-op) is kept: the identity-events topic's retention (7 days) and a day more, so no event
     * Kafka can still deliver finds its key gone. Attendance records are not affected.
     */
    @WithDefault("8D")
    Duration sightingRetention();

    /** The outbox publisher's batch and pace. */
    Outbox outbox();

    interface Outbox {
        @WithDefault("200")
        int batchSize();

        @WithDefault("10S")
        Duration sendTimeout();
    }
}
