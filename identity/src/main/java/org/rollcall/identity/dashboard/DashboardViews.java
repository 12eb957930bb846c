package org.rollcall.identity.dashboard;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.rollcall.events.Topics;
import org.rollcall.events.kafka.CompactedTopicFollower;
import org.rollcall.events.kafka.KafkaConnection;
import org.rollcall.events.view.CameraStatesView;
import org.rollcall.events.view.RecentFacesView;

/**
 * What the admin dashboard shows of other services, folded from their compacted topics (every
 * identity instance reads them whole, without a consumer group): camera states as the ingest
 * instances that run them report them, and recent faces and unknown visitors as the recognition
 * instances that saw them publish them. True with any number of instances of each; ready once
 * both topics are loaded.
 */
@ApplicationScoped
public class DashboardViews {
    private final CameraStatesView cameras = new CameraStatesView();
    private final RecentFacesView faces = new RecentFacesView();
    private final List<CompactedTopicFollower> followers;

    public DashboardViews(@Identifier("default-kafka-broker") Map<String, Object> kafkaSettings) {
        KafkaConnection kafka = KafkaConnection.of(kafkaSettings);
        this.followers = List.of(new CompactedTopicFollower(Topics.CAMERA_STATUS, kafka, cameras::apply),
                new CompactedTopicFollower(Topics.RECENT_FACES, kafka, faces::apply));
    }

    void start(@Observes StartupEvent ev) {
        followers.forEach(CompactedTopicFollower::start);
    }

    void stop(@Observes ShutdownEvent ev) {
        followers.forEach(CompactedTopicFollower::close);
    }

    public CameraStatesView cameras() {
        return cameras;
    }

    public RecentFacesView faces() {
        return faces;
    }

    @Produces
    @Readiness
    @Singleton
    HealthCheck dashboardViewsLoaded() {
        return () -> HealthCheckResponse.named("Camera states and recent faces loaded")
                .status(followers.stream().allMatch(CompactedTopicFollower::caughtUp)).build();
    }
}
