package org.rollcall.events;

import java.util.List;
import java.util.stream.Collectors;

/**
 * What crosses the WAN between an edge site and the central cluster (MirrorMaker 2, topic names
 * kept). A site runs frame-ingest and recognition against a broker of its own: frames, live
 * faces and face crops stay at the site; its decisions go up, the organization's gallery, camera
 * registry and erasures come down. The two lists share no topic, so nothing mirrors in a circle
 * although the names are kept. The one source of truth for the local mirror (devstack) and the
 * Kubernetes edge overlay (the manifest test compares them).
 */
public final class SiteReplication {
    /** Site to central: identity decisions (attendance), camera states (dashboard), erasure confirmations. */
    public static final List<String> UP = List.of(Topics.IDENTITY_EVENTS, Topics.CAMERA_STATUS, Topics.ERASURE_CONFIRMATIONS);
    /**
     * Central to site: the face templates (tombstones = erasures included), the camera registry,
     * erasure requests, revoked tokens (a site's ingest and recognition refuse them too).
     */
    public static final List<String> DOWN = List.of(Topics.FACE_TEMPLATES, Topics.CAMERAS, Topics.ERASURES, Topics.REVOCATIONS);

    /** A site alias: a Kafka cluster alias, a topic-name and a DNS-label fragment at once. */
    public static boolean isUsableSiteName(String name) {
        return name != null && name.matches("[a-z0-9]([a-z0-9-]{0,30}[a-z0-9])?") && !name.equals("central");
    }

    /** MirrorMaker's {@code topics} setting for a list: a comma-separated list of regular expressions, here exact names. */
    public static String topicsSetting(List<String> topics) {
        return topics.stream().map(t -> t.replace(".", "\\.")).collect(Collectors.joining(", "));
    }

    private SiteReplication() {
    }
}
