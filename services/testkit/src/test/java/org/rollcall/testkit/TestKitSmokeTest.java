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
            broker.createTopics(List.of(new TopicSpec("smoke", 1, false, null)));
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
    void aScramBrokerGivesEachServiceItsOwnAclsAndRefusesAnonymousWrongAndUntrusted() throws Exception {
        try (KafkaBroker broker = KafkaBroker.start(KafkaBroker.Security.SCRAM)) {
            broker.createRollcallTopics();
            Map<String, Object> ingest = new java.util.HashMap<>(broker.serviceSettings("frame-ingest"));
            ingest.put("max.block.ms", 10000);
            try (var producer = new KafkaProducer<>(ingest, new StringSerializer(), new StringSerializer())) {
                producer.send(new ProducerRecord<>(Topics.FRAMES, "cam", "frame")).get();
                // ingest may publish frames but not identities: the broker refuses what KafkaAccess does not grant
                var e = assertThrows(java.util.concurrent.ExecutionException.class,
                        () -> producer.send(new ProducerRecord<>(Topics.IDENTITY_EVENTS, "o/p", "forged")).get());
                assertTrue(e.getCause() instanceof org.apache.kafka.common.errors.TopicAuthorizationException, e.getCause().toString());
            }
            Map<String, Object> fast = Map.of("request.timeout.ms", 3000, "default.api.timeout.ms", 5000);
            // no credentials: the SASL_SSL listener never answers a plaintext client
            Map<String, Object> anonymous = new java.util.HashMap<>(fast);
            anonymous.put("bootstrap.servers", broker.bootstrapServers());
            assertRefused(anonymous, org.apache.kafka.common.errors.TimeoutException.class);
            Map<String, Object> wrong = broker.clientSettings(fast);
            wrong.put("sasl.jaas.config", KafkaBroker.scramLogin("frame-ingest", "guess"));
            assertRefused(wrong, org.apache.kafka.common.errors.SaslAuthenticationException.class);
            // the right password to a client that does not trust the broker's certificate goes nowhere
            Map<String, Object> untrusting = broker.clientSettings(fast);
            untrusting.remove("ssl.truststore.location");
            untrusting.remove("ssl.truststore.password");
            assertRefused(untrusting, org.apache.kafka.common.errors.SslAuthenticationException.class);
        }
    }

    private static void assertRefused(Map<String, Object> settings, Class<? extends Exception> expected) {
        try (var admin = org.apache.kafka.clients.admin.Admin.create(settings)) {
            var e = assertThrows(java.util.concurrent.ExecutionException.class, () -> admin.listTopics().names().get());
            assertTrue(expected.isInstance(e.getCause()), e.getCause().toString());
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

    /** The fault tools the service tests use: a broker restart keeps address and data; PostgreSQL stopped (as by a crash) and started keeps committed rows. */
    @Test
    void theBrokerAndTheDatabaseCanBeRestartedKeepingTheirData() throws Exception {
        try (KafkaBroker broker = KafkaBroker.start(KafkaBroker.Security.PLAINTEXT)) {
            broker.createTopics(List.of(new TopicSpec("restart", 1, false, null)));
            String bootstrap = broker.bootstrapServers();
            Map<String, Object> common = broker.clientSettings();
            try (var producer = new KafkaProducer<>(common, new StringSerializer(), new StringSerializer())) {
                producer.send(new ProducerRecord<>("restart", "k", "before")).get();
                broker.restartBroker();
                assertEquals(bootstrap, broker.bootstrapServers());
                producer.send(new ProducerRecord<>("restart", "k", "after")).get();
            }
            var consumerConfig = new java.util.HashMap<String, Object>(common);
            try (var consumer = new KafkaConsumer<>(consumerConfig, new StringDeserializer(), new StringDeserializer())) {
                var tp = new org.apache.kafka.common.TopicPartition("restart", 0);
                consumer.assign(List.of(tp));
                consumer.seekToBeginning(List.of(tp));
                List<String> got = new java.util.ArrayList<>();
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (got.size() < 2 && System.nanoTime() < deadline) {
                    for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                        got.add(r.value());
                    }
                }
                assertEquals(List.of("before", "after"), got);
            }
        }
        try (Postgres pg = Postgres.start()) {
            try (Connection c = pg.connect()) {
                c.createStatement().execute("CREATE TABLE kept (v TEXT)");
                c.createStatement().execute("INSERT INTO kept VALUES ('committed')");
            }
            pg.stopServer();
            assertThrows(java.sql.SQLException.class, pg::connect);
            pg.startServer();
            try (Connection c = pg.connect(); ResultSet rs = c.createStatement().executeQuery("SELECT v FROM kept")) {
                assertTrue(rs.next());
                assertEquals("committed", rs.getString(1));
            }
        }
    }
}
