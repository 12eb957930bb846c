package org.rollcall.ingest;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** {@code rollcall.ingest.*}: which cameras this instance reads and how frames are shaped. */
@ConfigMapping(prefix = "rollcall.ingest")
public interface IngestConfig {
    /** This instance's index among {@link #instanceCount()} (e.g. a StatefulSet ordinal). */
    @WithDefault("0")
    int instanceIndex();

    /** How many ingest instances split the cameras; each camera is read by exactly one. */
    @WithDefault("1")
    int instanceCount();

    /**
     * Only the cameras of these sites (an edge site's ingest, next to its cameras); default: every
     * site. Site ids as identity shows them.
     */
    Optional<Set<String>> sites();

    /** Never the cameras of these sites (the central ingest, once those sites run their own); default: none. */
    Optional<Set<String>> excludedSites();

    /** JPEG quality of published frames. */
    @WithDefault("80")
    int jpegQuality();

    /**
     * Frames per second one organization may publish through this instance, all its cameras
     * together; beyond it its frames are dropped (counted, reason org_quota). Identity's
     * rollcall.identity.quotas.frames-per-second refuses cameras over the same budget.
     */
    @WithDefault("300")
    double maxFpsPerOrg();

    /** Longest side of a published frame in pixels; larger frames are scaled down (Kafka's 1 MiB limit). */
    @WithDefault("1280")
    int maxSide();

    /**
     * Publish an MJPEG camera's (HTTP or RTSP) JPEGs as they come instead of decoding and
     * re-encoding each one; frames larger than {@link #maxSide()} are still scaled down.
     */
    @WithDefault("true")
    boolean jpegPassThrough();

    /** Connect and read timeout of a camera stream. */
    @WithDefault("10S")
    Duration streamTimeout();

    /** First reconnect delay; doubles per failure (with jitter) up to {@link #backoffMax()}. */
    @WithDefault("500ms")
    Duration backoffInitial();

    @WithDefault("30S")
    Duration backoffMax();

    /** Consecutive failed connects after which a camera's state is FAILED (it keeps retrying). */
    @WithDefault("5")
    int failedAfter();

    /** Browser pages allowed to stream with the session cookie (WebSocket origin check). */
    @WithDefault("http://127.0.0.1:8080,http://localhost:8080")
    List<String> allowedOrigins();
}
