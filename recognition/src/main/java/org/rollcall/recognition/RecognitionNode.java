package org.rollcall.recognition;

import io.micrometer.core.instrument.MeterRegistry;
import org.rollcall.events.Topics;
import org.rollcall.events.kafka.CompactedTopicFollower;
import org.rollcall.events.kafka.KafkaConnection;
import org.rollcall.face.FaceEngine;
import org.rollcall.face.track.TrackerConfig;
import org.rollcall.recognition.camera.Cameras;
import org.rollcall.recognition.frames.CameraState;
import org.rollcall.recognition.frames.ClockSkew;
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
    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(RecognitionNode.class);
    private final Galleries galleries;
    private final Cameras cameras = new Cameras();
    private final Matcher matcher;
    private final PipelineMetrics metrics;
    private final org.rollcall.recognition.frames.RecentFaces recent;
    private final CompactedTopicFollower templates;
    private final CompactedTopicFollower cameraFollower;
    private final FrameConsumer frames;
    private final FaceEngine engine;
    private volatile boolean closed;
    private Thread starter;

    public RecognitionNode(KafkaConnection kafka, String group, FaceEngine engine, RecognitionConfig config, MeterRegistry registry,
            int lanes) {
        this.engine = engine;
        this.galleries = new Galleries(engine.modelId(), config.threshold());
        if (config.unknownFaceRetention().compareTo(java.time.Duration.ofDays(1)) > 0) {
            // the crops live on rollcall.recent-faces.v1, whose retention is a day: a longer promise would not hold
            throw new IllegalArgumentException("rollcall.recognition.unknown-face-retention is at most 1 day (P1D)");
        }
        this.recent = new org.rollcall.recognition.frames.RecentFaces(config.unknownFaceRetention());
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
                new FrameAnalyzer(engine, matcher, metrics, recent, config.unknownFaceRetention()), cameras, metrics, new ClockSkew(registry, instanceName()));
    }

    /**
     * Follows the galleries and the camera registry, and joins the frame consumers only once both
     * are loaded: a frame taken before that would name known people "unknown" and skip frames of
     * registered cameras, and its offset would be committed all the same. The face engine warms up
     * meanwhile: a cold instance's first frames would otherwise be skipped as stale.
     */
    public RecognitionNode start() {
        templates.start();
        cameraFollower.start();
        starter = new Thread(() -> {
            try {
                LOG.infof("face engine warmed up in %d ms", engine.warmUp().toMillis());
                while (!closed && !(templates.awaitCaughtUp(java.time.Duration.ofSeconds(1))
                        && cameraFollower.awaitCaughtUp(java.time.Duration.ofSeconds(1)))) {
                    // keep waiting: readiness says DOWN meanwhile
                }
                if (!closed) {
                    frames.start();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "recognition-start");
        starter.setDaemon(true);
        starter.start();
        return this;
    }

    /** Why this instance is not ready, or null when it is. */
    public String notReady() {
        if (!templates.caughtUp()) {
            return "face templates not loaded";
        }
        if (!cameraFollower.caughtUp()) {
            return "camera registry not loaded";
        }
        if (!frames.running()) {
            return "frame consumer not running";
        }
        if (!frames.analysing()) {
            return "the last frames all failed analysis";
        }
        return null;
    }

    /** Ready once both compacted topics are loaded (and still followed) and frames are being consumed and analysed. */
    public boolean ready() {
        return notReady() == null;
    }

    /** This instance in logs and metrics: the launcher's part name, the pod's name, or the host's. */
    static String instanceName() {
        for (String name : new String[] {System.getenv("ROLLCALL_INSTANCE"), System.getenv("HOSTNAME")}) {
            if (name != null && !name.isBlank()) {
                return name;
            }
        }
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            return "recognition";
        }
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
        closed = true;
        if (starter != null) {
            starter.interrupt();
        }
        frames.close();
        templates.close();
        cameraFollower.close();
    }
}
