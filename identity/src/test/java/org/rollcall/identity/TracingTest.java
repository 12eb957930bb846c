package org.rollcall.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.rollcall.events.Topics;
import org.rollcall.testkit.InjectKafka;
import org.rollcall.testkit.InjectPostgres;
import org.rollcall.testkit.JwtTestResource;
import org.rollcall.testkit.KafkaBroker;
import org.rollcall.testkit.KafkaTestResource;
import org.rollcall.testkit.Postgres;
import org.rollcall.testkit.PostgresTestResource;

/**
 * Issue 19: "no tracing". With tracing switched on, one trace runs from an HTTP request into the
 * Kafka record it causes: the camera an admin saves reaches the registry topic with the W3C
 * trace context of the request that saved it (so ingest's and recognition's spans join it).
 */
@QuarkusTest
@TestProfile(TracingTest.TracingOn.class)
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = JwtTestResource.class, restrictToAnnotatedClass = true)
class TracingTest {
    /** Tracing on as an operator turns it on, exporting nowhere (the test reads the propagated context). */
    public static class TracingOn implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.otel.sdk.disabled", "false", "quarkus.otel.traces.exporter", "none");
        }
    }

    @InjectKafka
    KafkaBroker kafka;
    @InjectPostgres
    Postgres postgres;

    @Test
    void aRequestsTraceContinuesInTheKafkaRecordItCauses() throws Exception {
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        Visitor v = Visitor.registered("Traced Co", "Tess", "tess@traced.test", PortalSecurityTest.PASSWORD);
        v.get("/sites");
        v.post("/sites", Map.of("name", "HQ", "zone", "UTC")).then().statusCode(303);
        String siteId = v.get("/sites").asString().replaceAll("(?s).*<option value=\"(site-[a-z0-9]+)\".*", "$1");
        v.spec().redirects().follow(false).header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01")
                .contentType("application/x-www-form-urlencoded").formParam("csrf-token", v.csrf).formParam("siteId", siteId)
                .formParam("name", "Traced door").formParam("kind", "BROWSER").formParam("fps", "5").formParam("enabled", "on")
                .post("/sites/cameras").then().statusCode(303);
        String camera;
        try (var c = postgres.connect(); var rs = c.createStatement().executeQuery(
                "SELECT id FROM identity.camera WHERE name = 'Traced door'")) {
            assertTrue(rs.next(), "camera saved");
            camera = rs.getString(1);
        }
        Header traceparent = null;
        try (var consumer = new KafkaConsumer<>(kafka.clientSettings(), new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> parts = List.of(new TopicPartition(Topics.CAMERAS, 0));
            consumer.assign(parts);
            consumer.seekToBeginning(parts);
            long end = consumer.endOffsets(parts).get(parts.get(0));
            while (consumer.position(parts.get(0)) < end) {
                for (var r : consumer.poll(Duration.ofMillis(300))) {
                    if (camera.equals(r.key())) {
                        traceparent = r.headers().lastHeader("traceparent");
                    }
                }
            }
        }
        assertNotNull(traceparent, "the camera's record carries no trace context");
        String value = new String(traceparent.value(), StandardCharsets.US_ASCII);
        assertEquals(traceId, value.split("-")[1], "the record continues the request's trace: " + value);
    }
}
