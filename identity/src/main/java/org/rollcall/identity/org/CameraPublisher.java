package org.rollcall.identity.org;

import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.Record;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.rollcall.events.CameraDefinition;
import org.rollcall.events.EventCodec;
import org.rollcall.identity.ServiceUnavailable;

/**
 * Publishes camera definitions (and tombstones) to the compacted rollcall.cameras.v1 through the
 * SmallRye channel {@code cameras} (idempotent, acks=all), waiting for the acknowledgement: the
 * caller's transaction rolls back when the broker does not take it.
 */
@ApplicationScoped
public class CameraPublisher {
    private static final Duration ACK_TIMEOUT = Duration.ofSeconds(15);

    private final MutinyEmitter<Record<String, byte[]>> cameras;
    private final EventCodec codec = new EventCodec();

    public CameraPublisher(@Channel("cameras") MutinyEmitter<Record<String, byte[]>> cameras) {
        this.cameras = cameras;
    }

    public void publish(CameraDefinition c) {
        send(c.cameraId(), codec.encode(c));
    }

    public void remove(String cameraId) {
        send(cameraId, null);
    }

    private void send(String key, byte[] value) {
        try {
            cameras.send(Record.of(key, value)).await().atMost(ACK_TIMEOUT);
        } catch (RuntimeException e) {
            throw new ServiceUnavailable("the camera registry is unavailable; nothing was changed, try again");
        }
    }
}
