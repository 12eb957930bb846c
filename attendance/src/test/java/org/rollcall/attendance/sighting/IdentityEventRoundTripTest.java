package org.rollcall.attendance.sighting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.rollcall.events.BoundingBox;
import org.rollcall.events.EventCodec;
import org.rollcall.events.IdentityEvent;
import org.rollcall.events.Topics;
import org.rollcall.testkit.InjectKafka;
import org.rollcall.testkit.InjectPostgres;
import org.rollcall.testkit.KafkaBroker;
import org.rollcall.testkit.KafkaTestResource;
import org.rollcall.testkit.Postgres;
import org.rollcall.testkit.PostgresTestResource;

/** The foundation's proof: a message goes through a real broker and a row lands in a real PostgreSQL. */
@QuarkusTest
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = true)
class IdentityEventRoundTripTest {
    @InjectKafka
    KafkaBroker kafka;
    @InjectPostgres
    Postgres postgres;
    @Inject
    MeterRegistry registry;

    private final EventCodec codec = new EventCodec();

    @Test
    void eventsLandOnceAndMalformedOnesAreSkipped() throws Exception {
        Instant t = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        IdentityEvent first = event("frame-1", "person-a", t);
        IdentityEvent second = event("frame-2", "person-b", t.plusSeconds(1));
        try (var producer = new KafkaProducer<>(Map.of("bootstrap.servers", kafka.bootstrapServers()),
                new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(Topics.IDENTITY_EVENTS, first.key(), codec.encode(first))).get();
            // garbage between good events must not stop the consumer
            producer.send(new ProducerRecord<>(Topics.IDENTITY_EVENTS, "org-rt/x", "{not json".getBytes(StandardCharsets.UTF_8))).get();
            producer.send(new ProducerRecord<>(Topics.IDENTITY_EVENTS, first.key(), codec.encode(first))).get();
            producer.send(new ProducerRecord<>(Topics.IDENTITY_EVENTS, second.key(), codec.encode(second))).get();
        }

        awaitTrue(() -> rows("org-rt") == 2, Duration.ofSeconds(60));
        try (Connection c = postgres.connect();
             PreparedStatement ps = c.prepareStatement(
                     "SELECT person_id, captured_at FROM attendance.sighting WHERE event_id = ?::uuid")) {
            ps.setString(1, first.eventId());
            ResultSet rs = ps.executeQuery();
            assertTrue(rs.next());
            assertEquals("person-a", rs.getString(1));
            assertEquals(t, rs.getTimestamp(2).toInstant());
        }
        awaitTrue(() -> counter("rollcall_events_malformed") >= 1 && counter("rollcall_sightings_duplicate") >= 1,
                Duration.ofSeconds(10));
        assertEquals(2, rows("org-rt"), "the duplicate must not add a row");
    }

    private double counter(String name) {
        var c = registry.find(name).counter();
        return c == null ? 0 : c.count();
    }

    private long rows(String org) {
        try (Connection c = postgres.connect();
             PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM attendance.sighting WHERE org_id = ?")) {
            ps.setString(1, org);
            ResultSet rs = ps.executeQuery();
            rs.next();
            return rs.getLong(1);
        } catch (Exception e) {
            return -1;
        }
    }

    private static IdentityEvent event(String frameId, String person, Instant at) {
        return new IdentityEvent(1, IdentityEvent.eventId(frameId, 0), "org-rt", "site-1", "cam-1", frameId, 0, at,
                at.plusMillis(50), person, 0.7, 0.3, 0.99, new BoundingBox(1, 2, 80, 80), "fr_feature", "t-1", null);
    }

    static void awaitTrue(BooleanSupplier condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within " + timeout);
            }
            Thread.sleep(100);
        }
    }
}
