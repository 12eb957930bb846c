package org.rollcall.attendance;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.rollcall.events.AttendanceEvent;
import org.rollcall.events.BoundingBox;
import org.rollcall.events.EventCodec;
import org.rollcall.events.IdentityEvent;
import org.rollcall.events.Topics;
import org.rollcall.testkit.KafkaBroker;
import org.rollcall.testkit.Postgres;

/** Shared helpers of the attendance tests: events in, rows and attendance events out. */
public final class Fixtures {
    public static final EventCodec CODEC = new EventCodec();
    public static final EventCodec CODEC_PUBLIC = CODEC;

    private Fixtures() {
    }

    public static IdentityEvent sighting(String org, String frameId, String person, Instant at, double similarity, Double liveness) {
        return new IdentityEvent(1, IdentityEvent.eventId(frameId, 0), org, "site-1", "cam-1", frameId, 0, at,
                at.plusMillis(40), person, similarity, 0.3, liveness, new BoundingBox(1, 2, 80, 80), "fr_feature", "t-1",
                person == null ? "u-1" : null);
    }

    public static void send(KafkaBroker kafka, List<IdentityEvent> events) throws Exception {
        send(kafka, Topics.IDENTITY_EVENTS, events);
    }

    public static void send(KafkaBroker kafka, String topic, List<IdentityEvent> events) throws Exception {
        try (var producer = new KafkaProducer<>(kafka.clientSettings(Map.<String, Object>of("acks", "all")),
                new StringSerializer(), new ByteArraySerializer())) {
            for (IdentityEvent e : events) {
                producer.send(new ProducerRecord<>(topic, e.key(), CODEC.encode(e))).get();
            }
        }
    }

    public static void sendRaw(KafkaBroker kafka, String topic, String key, byte[] value) throws Exception {
        try (var producer = new KafkaProducer<>(kafka.clientSettings(),
                new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic, key, value)).get();
        }
    }

    /** A reader of rollcall.attendance.v1 from the beginning (no group: sees everything). */
    public static KafkaConsumer<String, byte[]> attendanceReader(KafkaBroker kafka) {
        var c = new KafkaConsumer<>(kafka.clientSettings(Map.<String, Object>of(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest", ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false)),
                new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = c.partitionsFor(Topics.ATTENDANCE).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        c.assign(partitions);
        c.seekToBeginning(partitions);
        return c;
    }

    /**
     * A consumer of {@code group} reads {@code topic} from its committed offset to the end (at least
     * {@code expected} records), applies each, and then either commits or closes without committing,
     * which is what a crash between the side effect and the offset commit leaves behind.
     */
    public static <T> List<T> applyInGroup(KafkaBroker kafka, String topic, String group, int expected,
            java.util.function.Function<IdentityEvent, T> apply, boolean commit) {
        List<T> out = new ArrayList<>();
        try (var c = new KafkaConsumer<>(kafka.clientSettings(Map.<String, Object>of(ConsumerConfig.GROUP_ID_CONFIG, group, ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false)), new StringDeserializer(), new ByteArrayDeserializer())) {
            c.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (true) {
                for (var r : c.poll(Duration.ofMillis(200))) {
                    out.add(apply.apply(CODEC.decode(r.value(), IdentityEvent.class)));
                }
                var assigned = c.assignment();
                if (!assigned.isEmpty() && out.size() >= expected) {
                    Map<TopicPartition, Long> end = c.endOffsets(assigned);
                    if (assigned.stream().allMatch(tp -> c.position(tp) >= end.get(tp))) {
                        break;
                    }
                }
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("read " + out.size() + " of " + expected + " records of " + topic);
                }
            }
            if (commit) {
                c.commitSync();
            }
        }
        return out;
    }

    /** The confirmation a service published for an erasure, read from the start of the topic. */
    public static org.rollcall.events.ErasureConfirmation confirmation(KafkaBroker kafka, String erasureId, String service, Duration timeout) {
        try (var c = new KafkaConsumer<>(kafka.clientSettings(Map.<String, Object>of(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false)),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = c.partitionsFor(Topics.ERASURE_CONFIRMATIONS).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            c.assign(partitions);
            c.seekToBeginning(partitions);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                for (var r : c.poll(Duration.ofMillis(200))) {
                    if ((erasureId + "/" + service).equals(r.key())) {
                        return CODEC.decode(r.value(), org.rollcall.events.ErasureConfirmation.class);
                    }
                }
            }
        }
        throw new AssertionError("no confirmation of " + erasureId + " by " + service + " within " + timeout);
    }

    /** Every attendance event of {@code topic}, read to its current end as the given Kafka user. */
    public static List<AttendanceEvent> attendanceEvents(String topic, Map<String, Object> user) {
        List<AttendanceEvent> out = new ArrayList<>();
        Map<String, Object> settings = new java.util.HashMap<>(user);
        settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (var c = new KafkaConsumer<>(settings, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = List.of(new TopicPartition(topic, 0));
            c.assign(partitions);
            c.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = c.endOffsets(partitions);
            while (!partitions.stream().allMatch(tp -> c.position(tp) >= end.get(tp))) {
                for (var r : c.poll(Duration.ofMillis(200))) {
                    out.add(CODEC.decode(r.value(), AttendanceEvent.class));
                }
            }
        }
        return out;
    }

    /** Every attendance event of an organization on rollcall.attendance.v1, read to the current end. */
    public static List<AttendanceEvent> attendanceEvents(KafkaBroker kafka, String org) {
        List<AttendanceEvent> out = new ArrayList<>();
        try (var c = attendanceReader(kafka)) {
            Map<TopicPartition, Long> end = c.endOffsets(c.assignment());
            while (!c.assignment().stream().allMatch(tp -> c.position(tp) >= end.get(tp))) {
                for (var r : c.poll(Duration.ofMillis(200))) {
                    AttendanceEvent e = CODEC.decode(r.value(), AttendanceEvent.class);
                    if (e.orgId().equals(org)) {
                        out.add(e);
                    }
                }
            }
        }
        return out;
    }

    /** Polls until no new event arrives for {@code quiet}. */
    public static List<AttendanceEvent> drain(KafkaConsumer<String, byte[]> c, List<AttendanceEvent> into, Duration quiet) {
        while (true) {
            var batch = c.poll(quiet);
            if (batch.isEmpty()) {
                return into;
            }
            for (var r : batch) {
                into.add(CODEC.decode(r.value(), AttendanceEvent.class));
            }
        }
    }

    public static List<Map<String, Object>> records(Postgres pg, String org) throws Exception {
        List<Map<String, Object>> out = new ArrayList<>();
        try (Connection c = pg.connect(); PreparedStatement ps = c.prepareStatement(
                "SELECT person_id, day, check_in, check_out, late, early_leave, id FROM attendance.record "
                        + "WHERE org_id = ? ORDER BY person_id, day")) {
            ps.setString(1, org);
            ResultSet rs = ps.executeQuery();
            while (rs.next()) {
                Map<String, Object> row = new HashMap<>();
                row.put("person", rs.getString(1));
                row.put("day", rs.getDate(2).toLocalDate());
                row.put("checkIn", rs.getTimestamp(3).toInstant());
                row.put("checkOut", rs.getTimestamp(4) == null ? null : rs.getTimestamp(4).toInstant());
                row.put("late", rs.getBoolean(5));
                row.put("earlyLeave", rs.getBoolean(6));
                row.put("id", rs.getLong(7));
                out.add(row);
            }
        }
        return out;
    }

    public static long count(Postgres pg, String sql, String org) {
        try (Connection c = pg.connect(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, org);
            ResultSet rs = ps.executeQuery();
            rs.next();
            return rs.getLong(1);
        } catch (Exception e) {
            return -1;
        }
    }
}
