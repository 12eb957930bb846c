package org.rollcall.recognition;

import io.micrometer.core.instrument.MeterRegistry;
import org.rollcall.events.Topics;
import org.rollcall.events.kafka.CompactedTopicFollower;
import org.rollcall.events.kafka.KafkaConnection;
import org.rollcall.face.FaceEngine;
import org.rollcall.face.track.TrackerConfig;
import org.rollcall.recognition.camera.Cameras;
import org.rollcall.recognition.frames.CameraState;
import org.rollcall.recognition.frames.FrameAnalyzer;
import org.rollcall.recognition.frames.FrameConsumer;
import org.rollcall.recognition.frames.PipelineMetrics;
import org.rollcall.recognition.gallery.Galleries;
import org.rollcall.recognition.gallery.Matcher;

/**
 * One recognition instance: galleries and the camera registry followed from their compacted
 * topics, and the frame consumer. Plain Java so a test can run a second instance beside the
 * service's own.
 */
public final class RecognitionNode implements AutoCloseable {
    private final Galleries galleries;
    private final Cameras cameras = new Cameras();
    private final Matcher matcher;
    private final PipelineMetrics metrics;
    private final org.rollcall.recognition.frames.RecentFaces recent = new org.rollcall.recognition.frames.RecentFaces();
    private final CompactedTopicFollower templates;
    private final CompactedTopicFollower cameraFollower;
    private final FrameConsumer frames;

    public RecognitionNode(KafkaConnection kafka, String group, FaceEngine engine, RecognitionConfig config, MeterRegistry registry,
            int lanes) {
        this.galleries = new Galleries(engine.modelId(), config.threshold());
        this.metrics = new PipelineMetrics(registry, galleries);
        this.matcher = new Matcher(galleries, config.matcher());
        java.util.Set<String> watched = java.util.concurrent.ConcurrentHashMap.newKeySet();
        this.templates = new CompactedTopicFollower(Topics.FACE_TEMPLATES, kafka, (k, v) -> {
            galleries.apply(k, v);
            String orgId = org.rollcall.events.Keys.split(k, 3)[0];
            if (watched.add(orgId)) {
                metrics.watchGallery(orgId, galleries);
            }
        });
        this.cameraFollower = new CompactedTopicFollower(Topics.CAMERAS, kafka, cameras::apply);
        var t = config.tracker();
        TrackerConfig tracker = new TrackerConfig(t.minIou(), t.maxAge().toMillis(), t.qualityGain(), t.reembedInterval().toMillis());
        this.frames = new FrameConsumer(kafka, group, lanes, config.maxInFlight(), config.maxFrameAge(),
                (camera, partition) -> new CameraState(camera, partition, tracker, config.decisionRefresh().toMillis()),
                new FrameAnalyzer(engine, matcher, metrics, recent), cameras, metrics);
    }

    public RecognitionNode start() {
        templates.start();
        cameraFollower.start();
        frames.start();
        return this;
    }

    /** Ready once both compacted topics are loaded to the end offsets seen at start. */
    public boolean ready() {
        return templates.caughtUp() && cameraFollower.caughtUp() && frames.running();
    }

    /** Waits until the galleries are loaded (an erasure must see every template before it tombstones them). */
    public boolean awaitGalleries(java.time.Duration timeout) throws InterruptedException {
        return templates.awaitCaughtUp(timeout);
    }

    public Galleries galleries() {
        return galleries;
    }

    /** The camera registry as this instance has followed it. */
    public Cameras cameras() {
        return cameras;
    }

    public Matcher matcher() {
        return matcher;
    }

    public org.rollcall.recognition.frames.RecentFaces recent() {
        return recent;
    }

    public PipelineMetrics metrics() {
        return metrics;
    }

    @Override
    public void close() {
        frames.close();
        templates.close();
        cameraFollower.close();
    }
}
