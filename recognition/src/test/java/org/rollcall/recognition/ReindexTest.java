package org.rollcall.recognition;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;
import org.rollcall.events.EventCodec;
import org.rollcall.events.FaceTemplate;
import org.rollcall.events.Topics;
import org.rollcall.face.EngineConfig;
import org.rollcall.face.FaceEngine;
import org.rollcall.face.detect.Detection;
import org.rollcall.face.fixtures.FixtureSet;
import org.rollcall.face.image.DecodedImage;
import org.rollcall.face.image.Jpeg;
import org.rollcall.testkit.Await;
import org.rollcall.testkit.InjectKafka;
import org.rollcall.testkit.InjectTokens;
import org.rollcall.testkit.JwtTestResource;
import org.rollcall.testkit.KafkaBroker;
import org.rollcall.testkit.KafkaTestResource;
import org.rollcall.testkit.TestTokens;

/**
 * Issue 19, "turning off flip augmentation makes every enrolled face invisible": recognition runs
 * here with flip augmentation off; a person's template was made with it on (another model id, so
 * never compared) and they are unknown. Re-enrolling the kept photo with {@code sourceId} and
 * {@code replaces} (what identity's re-index sends) makes them recognised again, tombstones the old
 * template, and doing it again (an interrupted re-index run twice) rewrites the same template.
 */
@QuarkusTest
@TestProfile(ReindexTest.FlipOff.class)
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = JwtTestResource.class, restrictToAnnotatedClass = true)
class ReindexTest {
    static final String ORG = "org-reindex";
    static final EventCodec CODEC = new EventCodec();

    /** The setting an operator turned off after people were enrolled. */
    public static class FlipOff implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("rollcall.recognition.flip-augmentation", "false");
        }
    }

    @InjectKafka
    KafkaBroker kafka;
    @InjectTokens
    TestTokens tokens;
    @Inject
    FaceEngine engine;

    @Test
    void aReindexedPhotoIsRecognisedAgainUnderTheNewSettingsAndReplacesTheOldTemplate() throws Exception {
        String admin = tokens.token("admin-x", ORG, "admin");
        byte[] photo = portrait();
        // the template as enrollment made it while flip augmentation was on
        String oldId = UUID.randomUUID().toString();
        try (FaceEngine before = new FaceEngine(EngineConfig.defaults().withFlipAugmentation(true))) {
            var face = before.analyze(photo).faces().get(0);
            assertNotEquals(before.modelId(), engine.modelId(), "the settings changed the model id");
            FaceTemplate old = new FaceTemplate(FaceTemplate.VERSION, ORG, "ada", oldId, before.modelId(), face.embedding(),
                    face.quality().overall(), Instant.now());
            try (var p = new KafkaProducer<>(kafka.clientSettings(Map.<String, Object>of("acks", "all")), new StringSerializer(),
                    new ByteArraySerializer())) {
                p.send(new ProducerRecord<>(Topics.FACE_TEMPLATES, old.key(), CODEC.encode(old))).get();
            }
        }
        Await.until(() -> templates().containsKey(ORG + "/ada/" + oldId), Duration.ofSeconds(30), "the old template on the topic");
        assertNull(recognizedAs(admin, photo), "a template of the old settings is never compared: the person is unknown");

        String newId = given().auth().oauth2(admin).multiPart("orgId", ORG).multiPart("personId", "ada")
                .multiPart("sourceId", "photo-1").multiPart("replaces", oldId).multiPart("image", "p.jpg", photo, "image/jpeg")
                .post("/api/v1/templates").then().statusCode(201).extract().jsonPath().getString("templateId");
        assertEquals("ada", recognizedAs(admin, photo), "recognised again after the re-index");
        Await.until(() -> {
            Map<String, byte[]> t = templates();
            return t.containsKey(ORG + "/ada/" + oldId) && t.get(ORG + "/ada/" + oldId) == null && t.get(ORG + "/ada/" + newId) != null;
        }, Duration.ofSeconds(30), "the old template tombstoned, the new one stored");

        // an interrupted re-index run again: the same photo under the same model is the same template
        String again = given().auth().oauth2(admin).multiPart("orgId", ORG).multiPart("personId", "ada")
                .multiPart("sourceId", "photo-1").multiPart("replaces", newId).multiPart("image", "p.jpg", photo, "image/jpeg")
                .post("/api/v1/templates").then().statusCode(201).extract().jsonPath().getString("templateId");
        assertEquals(newId, again);
        assertEquals("ada", recognizedAs(admin, photo), "replacing a template by itself does not remove it");
        Map<String, byte[]> t = templates();
        assertTrue(t.get(ORG + "/ada/" + newId) != null, "still stored");
        assertEquals(1, t.entrySet().stream().filter(e -> e.getKey().startsWith(ORG + "/ada/") && e.getValue() != null).count(),
                "one live template for the one photo");
    }

    private String recognizedAs(String token, byte[] image) {
        List<Map<String, Object>> faces = given().auth().oauth2(token).multiPart("image", "f.jpg", image, "image/jpeg")
                .post("/api/v1/recognize").then().statusCode(200).extract().jsonPath().getList("$");
        assertEquals(1, faces.size());
        return (String) faces.get(0).get("personId");
    }

    /** One face cut from a fixture group photo. */
    private byte[] portrait() throws Exception {
        byte[] group = Files.readAllBytes(FixtureSet.samples().get(4));
        try (DecodedImage img = engine.decode(group)) {
            List<Detection> faces = engine.detect(img);
            try (Mat crop = FixtureSet.faceCrop(img, faces, 0)) {
                return Jpeg.encode(crop, 92);
            }
        }
    }

    /** The templates topic as compaction would leave it: the last value of each key (null: a tombstone). */
    private Map<String, byte[]> templates() {
        Map<String, byte[]> last = new HashMap<>();
        try (var c = new KafkaConsumer<>(kafka.clientSettings(Map.<String, Object>of(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false)),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> parts = c.partitionsFor(Topics.FACE_TEMPLATES).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            c.assign(parts);
            c.seekToBeginning(parts);
            Map<TopicPartition, Long> end = c.endOffsets(parts);
            while (parts.stream().anyMatch(p -> c.position(p) < end.get(p))) {
                c.poll(Duration.ofMillis(200)).forEach(r -> last.put(r.key(), r.value()));
            }
        }
        return last;
    }
}
