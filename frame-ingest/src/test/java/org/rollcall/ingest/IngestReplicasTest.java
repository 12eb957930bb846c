package org.rollcall.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.rollcall.events.CameraDefinition;
import org.rollcall.events.CameraStatus;
import org.rollcall.events.EventCodec;
import org.rollcall.events.Topics;
import org.rollcall.events.view.CameraStatesView;
import org.rollcall.ingest.camera.CameraSources;
import org.rollcall.ingest.camera.CameraSupervisor;
import org.rollcall.ingest.camera.Ownership;
import org.rollcall.ingest.publish.FramePublisher;
import org.rollcall.testkit.Await;
import org.rollcall.testkit.InjectKafka;
import org.rollcall.testkit.JwtTestResource;
import org.rollcall.testkit.KafkaBroker;
import org.rollcall.testkit.KafkaTestResource;

/**
 * Two ingest instances share the cameras (this service as instance 0 of 2, a second one in this
 * JVM as instance 1): the camera-status topic, which the portal shows, names every camera's true
 * state whichever instance runs it, and follows a camera that is disabled or removed.
 */
@QuarkusTest
@TestProfile(IngestReplicasTest.FirstOfTwo.class)
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = JwtTestResource.class, restrictToAnnotatedClass = true)
class IngestReplicasTest {
    public static class FirstOfTwo implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("rollcall.ingest.instance-index", "0", "rollcall.ingest.instance-count", "2");
        }
    }

    static final String ORG = "org-replicas";
    static final EventCodec CODEC = new EventCodec();

    @Inject
    IngestConfig config;
    @Inject
    org.rollcall.events.CameraSourcePolicy policy;
    @InjectKafka
    KafkaBroker kafka;

    @BeforeAll
    static void clip() throws Exception {
        IngestTest.makeClip();
    }

    @Test
    void everyCamerasStateIsPublishedByWhicheverInstanceRunsIt() throws Exception {
        IngestConfig second = (IngestConfig) java.lang.reflect.Proxy.newProxyInstance(IngestConfig.class.getClassLoader(),
                new Class<?>[] {IngestConfig.class}, (proxy, m, args) -> "instanceIndex".equals(m.getName()) ? 1 : m.invoke(config, args));
        Map<String, Object> settings = kafka.serviceSettings("frame-ingest");
        FramePublisher otherFrames = new FramePublisher(settings, new SimpleMeterRegistry(), second);
        CameraSupervisor other = new CameraSupervisor(second, otherFrames, new SimpleMeterRegistry(), settings,
                new CameraSources(Optional.empty(), policy));
        other.start();
        List<String> cams = new ArrayList<>();
        try {
            for (int i = 0; i < 6; i++) {
                cams.add("cam-replica-" + i);
                camera(cams.get(i), true);
            }
            Ownership split = new Ownership(0, 2);
            java.util.function.Predicate<String> first = c -> split.owns(definition(c, "site-1", true));
            assertTrue(cams.stream().anyMatch(first) && !cams.stream().allMatch(first), "both instances run some cameras");
            Await.until(() -> {
                CameraStatesView view = states();
                return cams.stream().allMatch(c -> view.camera(c) != null && "CONNECTED".equals(view.camera(c).state()));
            }, Duration.ofSeconds(60), "every camera CONNECTED on the status topic");
            CameraStatesView view = states();
            Set<String> instances = new HashSet<>();
            for (String c : cams) {
                CameraStatus s = view.camera(c);
                assertEquals(first.test(c) ? "ingest-0" : "ingest-1", s.instance(), c + " reported by the instance that runs it");
                assertEquals(ORG, s.orgId());
                instances.add(s.instance());
            }
            assertEquals(Set.of("ingest-0", "ingest-1"), instances);
            String ofSecond = cams.stream().filter(first.negate()).findFirst().orElseThrow();
            String ofFirst = cams.stream().filter(first).findFirst().orElseThrow();
            camera(ofSecond, false);
            send(ofFirst, null);
            Await.until(() -> {
                CameraStatesView now = states();
                return "STOPPED".equals(now.camera(ofSecond).state()) && now.camera(ofFirst) == null;
            }, Duration.ofSeconds(30), "a disabled camera is STOPPED and a removed one is gone");
        } finally {
            for (String c : cams) {
                camera(c, false);
            }
            other.stop();
            otherFrames.close();
        }
    }

    @Test
    void anEdgeSitesCamerasAreRunByTheSitesOwnIngestAndNoLongerByTheCentralOne() throws Exception {
        // the edge site's ingest: its own broker in production; here the same topics, what matters is who opens what
        IngestConfig edge = (IngestConfig) java.lang.reflect.Proxy.newProxyInstance(IngestConfig.class.getClassLoader(),
                new Class<?>[] {IngestConfig.class}, (proxy, m, args) -> switch (m.getName()) {
                    case "instanceIndex" -> 0;
                    case "instanceCount" -> 1;
                    case "sites" -> Optional.of(Set.of("site-edge"));
                    case "excludedSites" -> Optional.empty();
                    default -> m.invoke(config, args);
                });
        Map<String, Object> settings = kafka.serviceSettings("frame-ingest");
        FramePublisher edgeFrames = new FramePublisher(settings, new SimpleMeterRegistry(), edge);
        CameraSupervisor edgeIngest = new CameraSupervisor(edge, edgeFrames, new SimpleMeterRegistry(), settings,
                new CameraSources(Optional.empty(), policy));
        edgeIngest.start();
        try {
            Ownership central = new Ownership(0, 1, Set.of(), Set.of("site-edge"));
            assertTrue(central.owns(definition("cam-central", "site-1", true)) && !central.owns(definition("cam-edge", "site-edge", true)));
            send("cam-edge", CODEC.encode(definition("cam-edge", "site-edge", true)));
            Await.until(() -> edgeIngest.status(ORG, Map.of()).stream()
                    .anyMatch(st -> st.cameraId().equals("cam-edge") && st.state() == org.rollcall.ingest.camera.CameraState.CONNECTED),
                    Duration.ofSeconds(60), "the site's camera CONNECTED by the site's ingest");
            assertTrue(edgeIngest.status(ORG, Map.of()).stream().noneMatch(st -> st.cameraId().startsWith("cam-replica")),
                    "the site's ingest runs no other site's camera");
        } finally {
            send("cam-edge", CODEC.encode(definition("cam-edge", "site-edge", false)));
            edgeIngest.stop();
            edgeFrames.close();
        }
    }

    private void camera(String id, boolean enabled) throws Exception {
        send(id, CODEC.encode(definition(id, "site-1", enabled)));
    }

    private static CameraDefinition definition(String id, String site, boolean enabled) {
        return new CameraDefinition(1, id, ORG, site, "Camera " + id, CameraDefinition.Kind.FILE,
                IngestTest.clip.toAbsolutePath().toString(), 4, enabled, Instant.now());
    }

    private void send(String id, byte[] value) throws Exception {
        try (var p = new KafkaProducer<>(kafka.clientSettings(), new StringSerializer(), new ByteArraySerializer())) {
            p.send(new ProducerRecord<>(Topics.CAMERAS, id, value)).get();
        }
    }

    /** The status topic folded from its start to its current end, as the portal folds it. */
    private CameraStatesView states() {
        CameraStatesView view = new CameraStatesView();
        try (var c = new KafkaConsumer<>(kafka.clientSettings(), new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> parts = List.of(new TopicPartition(Topics.CAMERA_STATUS, 0));
            c.assign(parts);
            c.seekToBeginning(parts);
            long end = c.endOffsets(parts).get(parts.get(0));
            while (c.position(parts.get(0)) < end) {
                c.poll(Duration.ofMillis(200)).forEach(r -> view.apply(r.key(), r.value()));
            }
        }
        return view;
    }
}
