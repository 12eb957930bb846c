package org.rollcall.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.rollcall.events.TopicSpec;
import org.rollcall.events.Topics;

/** The kit starts real servers: a record goes through the broker, SQL runs on PostgreSQL. */
class TestKitSmokeTest {

    @Test
    void brokerCreatesTopicsAndCarriesRecords() throws Exception {
        try (KafkaBroker broker = KafkaBroker.start()) {
            broker.createRollcallTopics();
            try (var admin = broker.admin()) {
                Set<String> names = admin.listTopics().names().get();
                assertTrue(names.containsAll(TopicSpec.ALL.stream().map(TopicSpec::name).toList()), names.toString());
                int framePartitions = admin.describeTopics(List.of(Topics.FRAMES)).allTopicNames().get()
                        .get(Topics.FRAMES).partitions().size();
                assertEquals(TopicSpec.FRAME_PARTITIONS, framePartitions);
            }
            Map<String, Object> common = broker.clientSettings();
            try (var producer = new KafkaProducer<>(common, new StringSerializer(), new StringSerializer())) {
                producer.send(new ProducerRecord<>("smoke", "k", "hello")).get();
            }
            var consumerConfig = new java.util.HashMap<String, Object>(common);
            consumerConfig.put("group.id", "smoke");
            consumerConfig.put("auto.offset.reset", "earliest");
            try (var consumer = new KafkaConsumer<>(consumerConfig, new StringDeserializer(), new StringDeserializer())) {
                consumer.subscribe(List.of("smoke"));
                String got = null;
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (got == null && System.nanoTime() < deadline) {
                    for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                        got = r.value();
                    }
                }
                assertEquals("hello", got);
            }
        }
    }

    @Test
    void aSaslBrokerServesItsUsersAndRefusesAnonymousAndWrongCredentials() throws Exception {
        try (KafkaBroker broker = KafkaBroker.start(KafkaBroker.Security.SASL)) {
            try (var admin = broker.admin()) {
                admin.createTopics(List.of(new org.apache.kafka.clients.admin.NewTopic("secured", 1, (short) 1))).all().get();
                assertTrue(admin.listTopics().names().get().contains("secured"), "the service user works");
            }
            // no credentials: the SASL listener drops a plaintext client before any request is answered
            Map<String, Object> anonymous = Map.of("bootstrap.servers", broker.bootstrapServers(),
                    "request.timeout.ms", 3000, "default.api.timeout.ms", 5000);
            try (var admin = org.apache.kafka.clients.admin.Admin.create(anonymous)) {
                var e = assertThrows(java.util.concurrent.ExecutionException.class, () -> admin.listTopics().names().get());
                assertTrue(e.getCause() instanceof org.apache.kafka.common.errors.TimeoutException, e.getCause().toString());
            }
            Map<String, Object> wrong = new java.util.HashMap<>(broker.clientSettings());
            wrong.put("sasl.jaas.config", KafkaBroker.plainLogin(KafkaBroker.SERVICE_USER, "guess"));
            wrong.put("request.timeout.ms", 5000);
            wrong.put("default.api.timeout.ms", 10000);
            try (var admin = org.apache.kafka.clients.admin.Admin.create(wrong)) {
                var e = assertThrows(java.util.concurrent.ExecutionException.class, () -> admin.listTopics().names().get());
                assertTrue(e.getCause() instanceof org.apache.kafka.common.errors.SaslAuthenticationException, e.getCause().toString());
            }
        }
    }

    @Test
    void postgresRunsSql() throws Exception {
        try (Postgres pg = Postgres.start(); Connection c = pg.connect()) {
            c.createStatement().execute("CREATE TABLE t (v text)");
            var ps = c.prepareStatement("INSERT INTO t VALUES (?)");
            ps.setString(1, new String("ok".getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8));
            ps.executeUpdate();
            ResultSet rs = c.createStatement().executeQuery("SELECT v, version() FROM t");
            assertTrue(rs.next());
            assertEquals("ok", rs.getString(1));
            assertTrue(rs.getString(2).startsWith("PostgreSQL"), rs.getString(2));
        }
    }
}
