package org.rollcall.ingest.publish;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.common.annotation.Identifier;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.rollcall.events.CameraDefinition;
import org.rollcall.events.FrameHeaders;
import org.rollcall.events.Topics;
import org.rollcall.events.kafka.KafkaConnection;

/**
 * Sends frames to rollcall.frames.v1. Frames are ephemeral: acks=1, lz4, a short linger, and a
 * bounded buffer that never blocks a camera for long. While the broker is away sends fail fast
 * and the frame is dropped and counted; memory does not grow.
 */
@ApplicationScoped
public class FramePublisher {
    static final long BUFFER_BYTES = 32L << 20;

    private final KafkaProducer<String, byte[]> producer;
    private final MeterRegistry registry;
    /** Who grabbed the frames (instance and host): recognition names this host when its clock is off. */
    private final String instance;
    private final java.util.Map<String, CameraMeters> meters = new java.util.concurrent.ConcurrentHashMap<>();

    /** A camera's meters, registered once rather than looked up for every frame. */
    private record CameraMeters(Counter grabbed, Counter published, Timer grabToPublish) {
    }

    private final OrgFrameBudget budget;

    public FramePublisher(@Identifier("default-kafka-broker") Map<String, Object> kafkaSettings, MeterRegistry registry,
            org.rollcall.ingest.IngestConfig config) {
        this.registry = registry;
        this.budget = new OrgFrameBudget(config.maxFpsPerOrg());
        this.instance = instanceName(config.instanceIndex());
        this.producer = new KafkaProducer<>(KafkaConnection.of(kafkaSettings).with(Map.<String, Object>of(
                ProducerConfig.ACKS_CONFIG, "1",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false,
                ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4",
                ProducerConfig.LINGER_MS_CONFIG, 5,
                ProducerConfig.BUFFER_MEMORY_CONFIG, BUFFER_BYTES,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 200,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 5000,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 3000,
                ProducerConfig.CLIENT_ID_CONFIG, "frame-ingest")),
                new StringSerializer(), new ByteArraySerializer());
    }

    /** Sends one frame; returns false (and counts it) when it had to be dropped. */
    public boolean publish(CameraDefinition camera, byte[] jpeg, Instant capturedAt, String source, Runnable onDrop) {
        if (!budget.take(camera.orgId(), System.nanoTime())) {
            dropped(camera.cameraId(), "org_quota");
            onDrop.run();
            return false;
        }
        String frameId = camera.cameraId() + "-" + UUID.randomUUID();
        ProducerRecord<String, byte[]> r = new ProducerRecord<>(Topics.FRAMES, camera.cameraId(), jpeg);
        header(r, FrameHeaders.CAMERA, camera.cameraId());
        header(r, FrameHeaders.ORG, camera.orgId());
        header(r, FrameHeaders.SITE, camera.siteId());
        header(r, FrameHeaders.FRAME_ID, frameId);
        header(r, FrameHeaders.CAPTURED_AT, capturedAt.toString());
        header(r, FrameHeaders.SOURCE, source);
        header(r, FrameHeaders.INGEST, instance);
        CameraMeters m = meters(camera.cameraId());
        try {
            producer.send(r, (md, ex) -> {
                if (ex != null) {
                    dropped(camera.cameraId(), "broker");
                    onDrop.run();
                } else {
                    m.grabToPublish().record(Duration.between(capturedAt, Instant.now()));
                    m.published().increment();
                }
            });
            return true;
        } catch (RuntimeException e) {
            // buffer full or metadata unavailable for max.block.ms: the broker is away
            dropped(camera.cameraId(), "broker");
            onDrop.run();
            return false;
        }
    }

    public void dropped(String cameraId, String reason) {
        Counter.builder("rollcall_ingest_frames_dropped").tag("camera", cameraId).tag("reason", reason)
                .register(registry).increment();
    }

    /** Counts a frame taken from a camera (published or not). */
    public void grabbed(String cameraId) {
        meters(cameraId).grabbed().increment();
    }

    private CameraMeters meters(String cameraId) {
        return meters.computeIfAbsent(cameraId, id -> new CameraMeters(
                Counter.builder("rollcall_ingest_frames_grabbed").tag("camera", id).register(registry),
                Counter.builder("rollcall_ingest_frames_published").tag("camera", id).register(registry),
                Timer.builder("rollcall_ingest_grab_to_publish").tag("camera", id).publishPercentiles(0.5, 0.95).register(registry)));
    }

    static String instanceName(int index) {
        String host = System.getenv("HOSTNAME");
        if (host == null || host.isBlank()) {
            try {
                host = java.net.InetAddress.getLocalHost().getHostName();
            } catch (java.io.IOException e) {
                host = "unknown-host";
            }
        }
        return "ingest-" + index + "@" + host;
    }

    private static void header(ProducerRecord<String, byte[]> r, String name, String value) {
        r.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    @PreDestroy
    public void close() {
        producer.close(Duration.ofSeconds(3));
    }
}
