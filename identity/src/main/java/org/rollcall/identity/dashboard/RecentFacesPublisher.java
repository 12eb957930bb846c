package org.rollcall.identity.dashboard;

import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.Record;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.rollcall.identity.ServiceUnavailable;

/**
 * Forgets faces on every dashboard: a tombstone on rollcall.recent-faces.v1 for a visitor who was
 * enrolled, or for an erased person (Kafka then drops the pictures at compaction, before the day's
 * retention is out).
 */
@ApplicationScoped
public class RecentFacesPublisher {
    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    private final MutinyEmitter<Record<String, byte[]>> faces;

    public RecentFacesPublisher(@Channel("recent-faces") MutinyEmitter<Record<String, byte[]>> faces) {
        this.faces = faces;
    }

    public void forget(String key) {
        try {
            faces.send(Record.of(key, null)).await().atMost(TIMEOUT);
        } catch (RuntimeException e) {
            throw new ServiceUnavailable("the dashboard's faces could not be updated; try again");
        }
    }
}
