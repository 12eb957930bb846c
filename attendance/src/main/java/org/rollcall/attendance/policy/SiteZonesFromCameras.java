package org.rollcall.attendance.policy;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.ZoneId;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.rollcall.events.CameraDefinition;
import org.rollcall.events.EventCodec;
import org.rollcall.events.Topics;
import org.rollcall.events.kafka.CompactedTopicFollower;
import org.rollcall.events.kafka.KafkaConnection;

/**
 * The sites' time zones as the portal set them, learned from the camera registry (every camera
 * names its site's zone): a site's local day follows its zone without anyone configuring it twice.
 * A zone set in the organization's attendance policy still wins.
 */
@ApplicationScoped
public class SiteZonesFromCameras {
    private final Map<String, ZoneId> bySite = new ConcurrentHashMap<>();
    private final Map<String, String> siteOfCamera = new ConcurrentHashMap<>();
    private final EventCodec codec = new EventCodec();
    private final KafkaConnection kafka;
    private CompactedTopicFollower follower;

    public SiteZonesFromCameras(@Identifier("default-kafka-broker") Map<String, Object> kafkaSettings) {
        this.kafka = KafkaConnection.of(kafkaSettings);
    }

    void start(@Observes StartupEvent ev) {
        follower = new CompactedTopicFollower(Topics.CAMERAS, kafka, this::apply).start();
    }

    void stop(@Observes ShutdownEvent ev) {
        if (follower != null) {
            follower.close();
        }
    }

    void apply(String cameraId, byte[] value) {
        if (value == null) {
            siteOfCamera.remove(cameraId);
            return;
        }
        CameraDefinition c = codec.decode(value, CameraDefinition.class);
        siteOfCamera.put(cameraId, key(c.orgId(), c.siteId()));
        if (c.siteZone() != null) {
            bySite.put(key(c.orgId(), c.siteId()), ZoneId.of(c.siteZone()));
        }
    }

    /** The zones of an organization's sites, by site id. */
    public Map<String, ZoneId> of(String orgId) {
        Map<String, ZoneId> out = new java.util.HashMap<>();
        String prefix = orgId + "/";
        bySite.forEach((k, z) -> {
            if (k.startsWith(prefix)) {
                out.put(k.substring(prefix.length()), z);
            }
        });
        return out;
    }

    /** Loaded to the end of the registry as it was at start: before that a local day could be wrong. */
    public boolean loaded() {
        return follower != null && follower.caughtUp();
    }

    private static String key(String orgId, String siteId) {
        return orgId + "/" + siteId;
    }

    /** Readiness: DOWN until the registry is loaded. */
    @Readiness
    @ApplicationScoped
    public static class Loaded implements HealthCheck {
        private final SiteZonesFromCameras zones;

        public Loaded(SiteZonesFromCameras zones) {
            this.zones = zones;
        }

        @Override
        public HealthCheckResponse call() {
            return HealthCheckResponse.named("Site time zones loaded").status(zones.loaded()).build();
        }
    }
}
