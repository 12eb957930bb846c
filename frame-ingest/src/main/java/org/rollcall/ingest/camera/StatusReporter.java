package org.rollcall.ingest.camera;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logging.Logger;
import org.rollcall.events.EventCodec;
import org.rollcall.events.Topics;
import org.rollcall.events.kafka.KafkaConnection;

/**
 * Publishes the state of the cameras this instance runs to the compacted rollcall.camera-status.v1,
 * so the portal shows every camera's truth whichever instance runs it: on a change of state or
 * problem at once, otherwise as a heartbeat (with the frame count). A removed camera gets a
 * tombstone. Plain Java like the supervisor that calls it, so a second instance runs in a test.
 */
final class StatusReporter implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(StatusReporter.class);
    static final Duration HEARTBEAT = Duration.ofSeconds(30);

    private final KafkaProducer<String, byte[]> producer;
    private final String instance;
    private final EventCodec codec = new EventCodec();
    /** What was last published per camera, and when. */
    private final Map<String, org.rollcall.events.CameraStatus> last = new HashMap<>();

    StatusReporter(KafkaConnection kafka, String instance) {
        this.instance = instance;
        this.producer = new KafkaProducer<>(kafka.with(Map.<String, Object>of(
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 20,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 5000,
                ProducerConfig.CLIENT_ID_CONFIG, "ingest-status-" + instance)),
                new StringSerializer(), new ByteArraySerializer());
    }

    /** The states of this instance's cameras now: publishes what changed and what is due a heartbeat. */
    synchronized void report(List<CameraStatus> states, Instant now) {
        for (CameraStatus s : states) {
            org.rollcall.events.CameraStatus before = last.get(s.cameraId());
            boolean changed = before == null || !before.state().equals(s.state().name()) || !Objects.equals(before.detail(), s.lastError());
            if (changed || before.at().plus(HEARTBEAT).isBefore(now)) {
                org.rollcall.events.CameraStatus event = new org.rollcall.events.CameraStatus(org.rollcall.events.CameraStatus.VERSION,
                        s.cameraId(), s.orgId(), s.siteId(), s.state().name(), s.lastError(), s.published(), now, instance);
                send(s.cameraId(), codec.encode(event));
                last.put(s.cameraId(), event);
            }
        }
    }

    /** The camera was removed from the registry. */
    synchronized void removed(String cameraId) {
        last.remove(cameraId);
        send(cameraId, null);
    }

    private void send(String cameraId, byte[] value) {
        producer.send(new ProducerRecord<>(Topics.CAMERA_STATUS, cameraId, value), (md, e) -> {
            if (e != null) {
                // the next change or heartbeat publishes it again
                LOG.warnf("camera %s state not published: %s", cameraId, e.getMessage());
                synchronized (this) {
                    last.remove(cameraId);
                }
            }
        });
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(3));
    }
}
