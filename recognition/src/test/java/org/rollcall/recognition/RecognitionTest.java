package org.rollcall.recognition;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.rollcall.events.CameraDefinition;
import org.rollcall.events.EventCodec;
import org.rollcall.events.FrameHeaders;
import org.rollcall.events.IdentityEvent;
import org.rollcall.events.Topics;
import org.rollcall.face.FaceEngine;
import org.rollcall.face.fixtures.FixtureSet;
import org.rollcall.face.detect.Detection;
import org.rollcall.face.image.DecodedImage;
import org.rollcall.face.image.Jpeg;
import org.rollcall.testkit.Await;
import org.rollcall.testkit.InjectKafka;
import org.rollcall.testkit.InjectTokens;
import org.rollcall.testkit.JwtTestResource;
import org.rollcall.testkit.KafkaBroker;
import org.rollcall.testkit.KafkaTestResource;
import org.rollcall.testkit.ServiceHealthContract;
import org.rollcall.testkit.TestTokens;

/**
 * The service on a real broker with the real models: enrollment over HTTP, frames of a real group
 * photo in, identity events out; tracking, bad frames, erasure, and a second instance in the
 * same consumer group.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = JwtTestResource.class, restrictToAnnotatedClass = true)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RecognitionTest extends ServiceHealthContract {
    static final String ORG = "org-r";
    static final String SITE = "site-1";
    static final EventCodec CODEC = new EventCodec();
    /** sample5: a group photo of five people; portraits of them are cropped from it. */
    static byte[] group;
    static List<byte[]> portraits = new ArrayList<>();
    static List<Detection> groupFaces;
    static Map<Integer, String> enrolled;

    @InjectKafka
    KafkaBroker kafka;
    @InjectTokens
    TestTokens tokens;
    @Inject
    FaceEngine engine;
    @Inject
    RecognitionNode node;

    @BeforeAll
    static void photos() throws Exception {
        group = Files.readAllBytes(FixtureSet.samples().get(4));
    }

    private void cropPortraits() {
        if (!portraits.isEmpty()) {
            return;
        }
        try (DecodedImage img = engine.decode(group)) {
            groupFaces = engine.detect(img);
            for (int i = 0; i < groupFaces.size(); i++) {
                try (Mat crop = FixtureSet.faceCrop(img, groupFaces, i)) {
                    portraits.add(Jpeg.encode(crop, 92));
                }
            }
        }
    }

    private String admin() {
        return tokens.token("admin-r", ORG, "admin");
    }

    private io.restassured.response.Response enroll(String token, String org, String person, byte[] image) {
        return given().auth().oauth2(token).multiPart("orgId", org).multiPart("personId", person)
                .multiPart("image", "photo.jpg", image, "image/jpeg").post("/api/v1/templates");
    }

    private void camera(String id, String org, String site) throws Exception {
        CameraDefinition c = new CameraDefinition(1, id, org, site, "Camera " + id, CameraDefinition.Kind.HTTP,
                "http://127.0.0.1:1/cam.mjpg", 5, true, Instant.now());
        send(Topics.CAMERAS, id, CODEC.encode(c), Map.of());
    }

    private void send(String topic, String key, byte[] value, Map<String, String> headers) throws Exception {
        try (var p = new KafkaProducer<>(Map.<String, Object>of("bootstrap.servers", kafka.bootstrapServers(), "acks", "all"),
                new StringSerializer(), new ByteArraySerializer())) {
            ProducerRecord<String, byte[]> r = new ProducerRecord<>(topic, key, value);
            headers.forEach((k, v) -> r.headers().add(k, v.getBytes(StandardCharsets.UTF_8)));
            p.send(r).get();
        }
    }

    private String frame(String camera, String org, byte[] jpeg, Instant capturedAt) throws Exception {
        String frameId = camera + "-" + UUID.randomUUID();
        send(Topics.FRAMES, camera, jpeg, Map.of(FrameHeaders.CAMERA, camera, FrameHeaders.ORG, org, FrameHeaders.SITE, SITE,
                FrameHeaders.FRAME_ID, frameId, FrameHeaders.CAPTURED_AT, capturedAt.toString(), FrameHeaders.SOURCE, "file"));
        return frameId;
    }

    /** Identity events of the given frames, read from the start of the topic until enough arrived or time runs out. */
    private Map<String, List<IdentityEvent>> events(Set<String> frameIds, int expectedEvents, Duration timeout) {
        Map<String, List<IdentityEvent>> byFrame = new HashMap<>();
        try (var c = new KafkaConsumer<>(Map.<String, Object>of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> parts = c.partitionsFor(Topics.IDENTITY_EVENTS).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            c.assign(parts);
            c.seekToBeginning(parts);
            long deadline = System.nanoTime() + timeout.toNanos();
            int seen = 0;
            while (seen < expectedEvents && System.nanoTime() < deadline) {
                for (var r : c.poll(Duration.ofMillis(300))) {
                    IdentityEvent e = CODEC.decode(r.value(), IdentityEvent.class);
                    if (frameIds.contains(e.frameId())) {
                        byFrame.computeIfAbsent(e.frameId(), f -> new ArrayList<>()).add(e);
                        seen++;
                    }
                }
            }
        }
        return byFrame;
    }

    /** Enrolls the first two portraits that meet the enrollment rules; returns face index -> person id. */
    private Map<Integer, String> enrollTwo() {
        cropPortraits();
        Map<Integer, String> out = new HashMap<>();
        for (int i = 0; i < portraits.size() && out.size() < 2; i++) {
            var r = enroll(admin(), ORG, "person-" + i, portraits.get(i));
            if (r.statusCode() == 201) {
                out.put(i, "person-" + i);
            } else {
                assertEquals(422, r.statusCode(), r.asString());
            }
        }
        assertEquals(2, out.size(), "two of five portraits must be enrollable");
        return out;
    }

    @Test
    @Order(1)
    void enrolledPeopleAreNamedAndStrangersAreUnknown() throws Exception {
        Await.until(() -> given().get("/q/health/ready").statusCode() == 200, Duration.ofSeconds(60), "ready");
        camera("cam-1", ORG, SITE);
        enrolled = enrollTwo();
        Thread.sleep(1500); // the camera registry follows its topic
        String f = frame("cam-1", ORG, group, Instant.now());
        List<IdentityEvent> events = events(Set.of(f), 5, Duration.ofSeconds(60)).get(f);
        assertNotNull(events, "no identity events for the frame");
        assertEquals(5, events.size());
        Set<Integer> faceIndexes = new HashSet<>();
        for (IdentityEvent e : events) {
            faceIndexes.add(e.faceIndex());
            assertEquals(IdentityEvent.eventId(f, e.faceIndex()), e.eventId());
            Detection d = groupFaces.get(e.faceIndex());
            assertEquals(Math.round(d.box().x1()), e.bbox().x(), 2);
            String expected = enrolled.get(e.faceIndex());
            if (expected == null) {
                assertNull(e.personId(), "a stranger was named: " + e);
                assertNotNull(e.unknownClusterId());
            } else {
                assertEquals(expected, e.personId());
                assertTrue(e.similarity() >= 0.45 && e.margin() > 0);
                assertNotNull(e.liveness());
            }
        }
        assertEquals(5, faceIndexes.size());
    }

    @Test
    @Order(2)
    void aFaceOverTwentyFramesIsEmbeddedFarLessOftenAndStillIdentified() throws Exception {
        camera("cam-2", ORG, SITE);
        Thread.sleep(1500);
        long before = node.metrics().embeddedCount();
        Instant start = Instant.now();
        Set<String> frames = new HashSet<>();
        for (int i = 0; i < 20; i++) {
            frames.add(frame("cam-2", ORG, group, start.plusMillis(200L * i)));
        }
        Map<String, List<IdentityEvent>> byFrame = events(frames, 100, Duration.ofSeconds(120));
        assertEquals(20, byFrame.size());
        long embedded = node.metrics().embeddedCount() - before;
        // 5 faces x 20 frames = 100 detections; each track embeds once, plus one refresh after 3 s of its 4 s
        assertTrue(embedded <= 15, "embedded " + embedded + " times for 100 detections");
        for (List<IdentityEvent> events : byFrame.values()) {
            Set<String> named = new HashSet<>();
            events.forEach(e -> {
                if (e.personId() != null) {
                    named.add(e.personId());
                }
            });
            assertEquals(new HashSet<>(enrolled.values()), named);
        }
    }

    @Test
    @Order(3)
    void badFramesAreCountedAndSkippedAndTheConsumerGoesOn() throws Exception {
        var m = node.metrics();
        double corrupt = m.skippedCount("corrupt");
        double headers = m.skippedCount("headers");
        double unknownCamera = m.skippedCount("unknown_camera");
        double mismatch = m.skippedCount("organization_mismatch");
        double stale = m.skippedCount("stale");
        frame("cam-1", ORG, Arrays.copyOf(group, group.length / 3), Instant.now());
        send(Topics.FRAMES, "cam-1", group, Map.of(FrameHeaders.CAMERA, "cam-1"));
        frame("cam-nobody-registered", ORG, group, Instant.now());
        frame("cam-1", "org-other", group, Instant.now());
        frame("cam-1", ORG, group, Instant.now().minusSeconds(600));
        String good = frame("cam-1", ORG, group, Instant.now());
        assertEquals(5, events(Set.of(good), 5, Duration.ofSeconds(60)).get(good).size());
        assertEquals(corrupt + 1, m.skippedCount("corrupt"));
        assertEquals(headers + 1, m.skippedCount("headers"));
        assertEquals(unknownCamera + 1, m.skippedCount("unknown_camera"));
        assertEquals(mismatch + 1, m.skippedCount("organization_mismatch"));
        assertEquals(stale + 1, m.skippedCount("stale"));
    }

    @Test
    @Order(4)
    void theDashboardSeesRecentFacesAndCanEnrollARepeatedUnknownVisitor() {
        var body = given().auth().oauth2(admin()).get("/api/v1/recent/" + ORG).then().statusCode(200).extract().jsonPath();
        List<String> thumbs = body.getList("recent.thumbnail");
        assertTrue(!thumbs.isEmpty(), "no recent faces");
        byte[] thumb = java.util.Base64.getDecoder().decode(thumbs.get(0));
        assertEquals(0xFF, thumb[0] & 0xFF, "thumbnails are JPEGs");
        List<String> visitors = body.getList("visitors.clusterId");
        assertTrue(!visitors.isEmpty(), "the three strangers of the group photo were seen repeatedly");
        given().auth().oauth2(tokens.token("admin-x", "org-x", "admin")).get("/api/v1/recent/" + ORG).then().statusCode(404);
        given().auth().oauth2(admin()).contentType("application/json").body(Map.of("personId", "visitor-enrolled"))
                .post("/api/v1/unknown/" + ORG + "/" + visitors.get(0) + "/enroll").then().statusCode(org.hamcrest.Matchers.anyOf(
                        equalTo(201), equalTo(422)));
        given().auth().oauth2(admin()).contentType("application/json").body(Map.of("personId", "nobody"))
                .post("/api/v1/unknown/" + ORG + "/u-does-not-exist/enroll").then().statusCode(404);
    }

    @Test
    @Order(4)
    void enrollmentRefusesUnclearPhotosAndOtherOrganizations() {
        cropPortraits();
        enroll(admin(), ORG, "crowd", group).then().statusCode(422).body("reason", equalTo("several_faces"));
        byte[] blank;
        try (Mat grey = new Mat(480, 640, opencv_core.CV_8UC3, new Scalar(128, 128, 128, 0))) {
            blank = Jpeg.encode(grey, 90);
        }
        enroll(admin(), ORG, "nobody", blank).then().statusCode(422).body("reason", equalTo("no_face"));
        enroll(admin(), ORG, "junk", "not an image".getBytes(StandardCharsets.UTF_8)).then().statusCode(422)
                .body("reason", equalTo("invalid_image"));
        enroll(admin(), ORG, "../../etc", portraits.get(0)).then().statusCode(400);
        // another organization's admin cannot enroll into this one, and tokens are checked
        enroll(tokens.token("admin-x", "org-x", "admin"), ORG, "intruder", portraits.get(0)).then().statusCode(404);
        enroll(tokens.token("m", ORG, "member"), ORG, "self", portraits.get(0)).then().statusCode(403);
        enroll(tokens.expired("admin-r", ORG, "admin"), ORG, "late", portraits.get(0)).then().statusCode(401);
        enroll(tokens.algNone("admin-r", ORG, "admin"), ORG, "none", portraits.get(0)).then().statusCode(401);
        enroll(tokens.wronglySigned("admin-r", ORG, "admin"), ORG, "forged", portraits.get(0)).then().statusCode(401);
        given().auth().oauth2(admin()).multiPart("image", "g.jpg", group, "image/jpeg").post("/api/v1/recognize")
                .then().statusCode(200).body("size()", equalTo(5));
    }

    @Test
    @Order(5)
    void aSecondInstanceSharesTheWorkLearnsEnrollmentsAndTakesOverWhenTheOtherStops() throws Exception {
        cropPortraits();
        RecognitionConfig config = io.quarkus.arc.Arc.container().instance(RecognitionConfig.class).get();
        RecognitionNode second = new RecognitionNode(kafka.bootstrapServers(), "recognition", engine, config,
                new SimpleMeterRegistry(), 1).start();
        int face = enrolled.keySet().iterator().next();
        try {
            Await.until(second::ready, Duration.ofSeconds(60), "second instance ready");
            // an enrollment through this instance's API reaches the other instance's gallery
            String person = "late-joiner";
            enroll(admin(), ORG, person, portraits.get(face)).then().statusCode(201);
            float[] probe = engine.analyze(portraits.get(face)).primary().orElseThrow().embedding();
            Await.until(() -> second.galleries().existing(ORG) != null && second.galleries().existing(ORG).templatesOf(person).size() == 1,
                    Duration.ofSeconds(30), "template reached the second instance");

            // frames from 12 cameras: the group rebalances, both instances work, no frame is lost
            List<String> cams = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                cams.add("cam-split-" + i);
                camera(cams.get(i), ORG, SITE);
            }
            Thread.sleep(4000);
            Set<String> frames = new HashSet<>();
            for (String cam : cams) {
                frames.add(frame(cam, ORG, portraits.get(face), Instant.now()));
            }
            Map<String, List<IdentityEvent>> byFrame = events(frames, frames.size(), Duration.ofSeconds(120));
            assertEquals(frames, byFrame.keySet(), "a frame was lost");
            long secondDid = second.metrics().embeddedCount();
            assertTrue(secondDid > 0 && secondDid < frames.size(), "the second instance embedded " + secondDid + " of " + frames.size());

            // erasure: tombstones reach both instances
            given().auth().oauth2(admin()).delete("/api/v1/people/" + ORG + "/" + person + "/templates").then().statusCode(200)
                    .body("erasedTemplates", equalTo(1));
            Await.until(() -> second.galleries().existing(ORG).templatesOf(person).isEmpty(), Duration.ofSeconds(30), "erased on the second");
            assertNotEquals(person, second.matcher().match(ORG, probe).personId());
        } finally {
            second.close();
        }
        // the remaining instance takes every partition back
        Set<String> after = new HashSet<>();
        for (int i = 0; i < 12; i++) {
            after.add(frame("cam-split-" + i, ORG, portraits.get(face), Instant.now()));
        }
        assertEquals(after, events(after, after.size(), Duration.ofSeconds(120)).keySet(), "frames lost after the hand-over");
    }
}
