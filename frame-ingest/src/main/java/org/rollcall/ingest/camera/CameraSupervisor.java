package org.rollcall.ingest.camera;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;
import org.rollcall.events.CameraDefinition;
import org.rollcall.events.EventCodec;
import org.rollcall.events.Topics;
import org.rollcall.events.kafka.CompactedTopicFollower;
import org.rollcall.events.kafka.KafkaConnection;
import org.rollcall.ingest.IngestConfig;
import org.rollcall.ingest.publish.FramePublisher;
import org.rollcall.ingest.publish.JpegEncoder;

/**
 * Follows rollcall.cameras.v1 and keeps one worker per enabled pull camera this instance owns:
 * added cameras start, changed ones restart, disabled or removed ones stop, without a restart
 * of the service. Browser cameras are only registered (their frames arrive over the WebSocket).
 */
@ApplicationScoped
public class CameraSupervisor {
    private static final Logger LOG = Logger.getLogger(CameraSupervisor.class);

    private final IngestConfig config;
    private final FramePublisher publisher;
    private final JpegEncoder encoder;
    private final Ownership ownership;
    private final KafkaConnection kafka;
    private final EventCodec codec = new EventCodec();
    private final Map<String, CameraDefinition> cameras = new ConcurrentHashMap<>();
    private final Map<String, CameraWorker> workers = new ConcurrentHashMap<>();
    private CompactedTopicFollower follower;

    private final CameraSources sources;
    private final StatusReporter reporter;
    private final java.util.concurrent.ScheduledExecutorService ticker = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "camera-status");
        t.setDaemon(true);
        return t;
    });
    /** Browser streams of this instance, for the states it reports (set by the WebSocket endpoint). */
    private volatile java.util.function.Supplier<Map<String, CameraStatus>> browserStreams = Map::of;

    public CameraSupervisor(IngestConfig config, FramePublisher publisher, MeterRegistry registry,
            @Identifier("default-kafka-broker") Map<String, Object> kafkaSettings, CameraSources sources) {
        this.config = config;
        this.sources = sources;
        this.publisher = publisher;
        this.encoder = new JpegEncoder(config.jpegQuality(), config.maxSide());
        this.ownership = new Ownership(config.instanceIndex(), config.instanceCount(),
                config.sites().orElse(java.util.Set.of()), config.excludedSites().orElse(java.util.Set.of()));
        this.kafka = KafkaConnection.of(kafkaSettings);
        this.reporter = new StatusReporter(kafka, "ingest-" + config.instanceIndex());
        Gauge.builder("rollcall_ingest_cameras_connected", workers,
                w -> w.values().stream().filter(x -> x.status().state() == CameraState.CONNECTED).count()).register(registry);
        Gauge.builder("rollcall_ingest_cameras_owned", workers, Map::size).register(registry);
    }

    void start(@Observes StartupEvent ev) {
        start();
    }

    void stop(@Observes ShutdownEvent ev) {
        stop();
    }

    /** Follows the registry and runs this instance's cameras (public: a test runs a second instance). */
    public void start() {
        follower = new CompactedTopicFollower(Topics.CAMERAS, kafka, this::apply).start();
        ticker.scheduleWithFixedDelay(this::reportStates, 1, 1, java.util.concurrent.TimeUnit.SECONDS);
    }

    public void stop() {
        ticker.shutdownNow();
        if (follower != null) {
            follower.close();
        }
        workers.values().forEach(CameraWorker::stop);
        workers.clear();
        reporter.close();
    }

    /** Where this instance's live browser streams are known (the WebSocket endpoint). */
    public void browserStreams(java.util.function.Supplier<Map<String, CameraStatus>> streams) {
        this.browserStreams = streams;
    }

    /** The states of the cameras this instance is responsible for, to the status topic (changes at once, else heartbeats). */
    void reportStates() {
        try {
            if (!loaded()) {
                return;
            }
            Map<String, CameraStatus> browser = browserStreams.get();
            List<CameraStatus> mine = new ArrayList<>();
            for (CameraDefinition c : cameras.values()) {
                CameraStatus streaming = streaming(c, browser);
                if (streaming != null) {
                    mine.add(streaming);
                } else if (ownership.owns(c)) {
                    // not streaming anywhere this instance knows of: the owner speaks for it
                    mine.add(idle(c, !c.enabled() ? CameraState.STOPPED
                            : c.kind() == CameraDefinition.Kind.BROWSER ? CameraState.WAITING_FOR_BROWSER : CameraState.STOPPED));
                }
            }
            reporter.report(mine, java.time.Instant.now());
        } catch (RuntimeException e) {
            LOG.warnf("camera states not reported: %s", e.getMessage());
        }
    }

    public boolean loaded() {
        return follower != null && follower.caughtUp();
    }

    /** Cameras whose worker thread died without being stopped (none, unless something is badly wrong). */
    public List<String> deadWorkers() {
        return workers.entrySet().stream().filter(e -> !e.getValue().alive()).map(Map.Entry::getKey).sorted().toList();
    }

    /** One record of the cameras topic: a definition or a tombstone. */
    synchronized void apply(String cameraId, byte[] value) {
        if (cameraId == null) {
            return;
        }
        CameraDefinition def = value == null ? null : codec.decode(value, CameraDefinition.class);
        if (def == null) {
            CameraDefinition removed = cameras.remove(cameraId);
            if (removed != null && ownership.owns(removed)) {
                reporter.removed(cameraId);
            }
        } else {
            cameras.put(cameraId, def);
        }
        CameraWorker running = workers.get(cameraId);
        boolean wanted = def != null && def.enabled() && def.kind() != CameraDefinition.Kind.BROWSER && ownership.owns(def);
        if (running != null && (!wanted || !running.camera.equals(def))) {
            running.stop();
            workers.remove(cameraId);
            LOG.infof("camera %s stopped", cameraId);
        }
        if (wanted && !workers.containsKey(cameraId)) {
            CameraWorker w = new CameraWorker(def, () -> sources.urlOf(def), config, publisher, encoder);
            workers.put(cameraId, w);
            w.start();
            LOG.infof("camera %s (%s, %s fps) started", cameraId, def.kind(), def.fps());
        }
    }

    /** The registered camera, or null. */
    public CameraDefinition camera(String cameraId) {
        return cameras.get(cameraId);
    }

    public JpegEncoder encoder() {
        return encoder;
    }

    /** Status of this instance's cameras of one organization (browser cameras included). */
    public List<CameraStatus> status(String orgId, Map<String, CameraStatus> browser) {
        List<CameraStatus> out = new ArrayList<>();
        for (CameraDefinition c : cameras.values()) {
            if (!c.orgId().equals(orgId)) {
                continue;
            }
            CameraStatus streaming = streaming(c, browser);
            if (streaming != null) {
                out.add(streaming);
            } else if ((c.kind() == CameraDefinition.Kind.BROWSER && ownership.servesSite(c.siteId())) || ownership.owns(c)) {
                out.add(idle(c, c.kind() == CameraDefinition.Kind.BROWSER ? CameraState.WAITING_FOR_BROWSER : CameraState.STOPPED));
            }
        }
        out.sort((a, b) -> a.cameraId().compareTo(b.cameraId()));
        return out;
    }

    /** The state of a camera this instance streams right now (a worker, or a browser's WebSocket here), or null. */
    private CameraStatus streaming(CameraDefinition c, Map<String, CameraStatus> browser) {
        CameraWorker w = workers.get(c.cameraId());
        return w != null ? w.status() : browser.get(c.cameraId());
    }

    /** A camera nobody streams here, in the given state. */
    private static CameraStatus idle(CameraDefinition c, CameraState state) {
        return new CameraStatus(c.cameraId(), c.orgId(), c.siteId(), c.name(), c.kind().name(), state, null, null, 0, 0, 0);
    }
}
