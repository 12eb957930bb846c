package org.rollcall.bench.cameras;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Instant;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.rollcall.bench.Stack;
import org.rollcall.events.AttendanceEvent;
import org.rollcall.events.CameraDefinition;
import org.rollcall.events.CameraStatus;
import org.rollcall.events.EventCodec;
import org.rollcall.events.Topics;

/** What the fault runs do with a running stack as one organization's admin: rules, enrollment, reading topics. */
final class StackClient {
    private static final int ATTENDANCE_PORT = 8083;
    private static final int RECOGNITION_PORT = 8082;

    private final String kafka;
    private final String org;
    private final String token;
    private final EventCodec codec = new EventCodec();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    StackClient(String kafka, String org, String token) {
        this.kafka = kafka;
        this.org = org;
        this.token = token;
    }

    void policy() throws Exception {
        String body = """
                {"similarityThreshold":0.42,"livenessThreshold":0.5,"cooldownMinutes":%d,"zone":"UTC","graceMinutes":0}"""
                .formatted(Scenario.COOLDOWN.toMinutes());
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ATTENDANCE_PORT + "/api/v1/attendance/policy"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        require(r.statusCode() == 200, "policy: " + r.statusCode() + " " + r.body());
    }

    void enroll(String personId, byte[] jpeg) throws Exception {
        String boundary = "rollcall" + UUID.randomUUID();
        var out = new java.io.ByteArrayOutputStream();
        for (String[] field : new String[][] {{"orgId", org}, {"personId", personId}}) {
            out.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field[0] + "\"\r\n\r\n" + field[1] + "\r\n")
                    .getBytes(StandardCharsets.UTF_8));
        }
        out.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"image\"; filename=\"face.jpg\"\r\n"
                + "Content-Type: image/jpeg\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        out.write(jpeg);
        out.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + RECOGNITION_PORT + "/api/v1/templates"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(out.toByteArray())).build(), HttpResponse.BodyHandlers.ofString());
        require(r.statusCode() == 201, "enrolling " + personId + ": " + r.statusCode() + " " + r.body());
    }

    /** Whether frame-ingest reported every camera CONNECTED on the status topic. */
    boolean connected(List<String> cameraIds) {
        Map<String, String> states = new HashMap<>();
        for (ConsumerRecord<String, byte[]> r : readAll(Topics.CAMERA_STATUS)) {
            if (cameraIds.contains(r.key())) {
                states.put(r.key(), r.value() == null ? null : codec.decode(r.value(), CameraStatus.class).state());
            }
        }
        return cameraIds.stream().allMatch(id -> "CONNECTED".equals(states.get(id)));
    }

    /** Registers {@code count} HTTP cameras served by {@code cameras} on the registry topic, of site {@code siteId}; returns their ids. */
    List<String> registerCameras(KafkaProducer<String, byte[]> producer, MjpegCameras cameras, int count,
            String siteId, String label, double fps) throws Exception {
        List<String> ids = new ArrayList<>();
        for (int c = 0; c < count; c++) {
            String id = org + "-cam" + c;
            ids.add(id);
            producer.send(new ProducerRecord<>(Topics.CAMERAS, id, codec.encode(
                    new CameraDefinition(1, id, org, siteId, label + " " + c,
                            CameraDefinition.Kind.HTTP, cameras.url(c), fps, true, Instant.now(), "UTC", null))))
                    .get();
        }
        return ids;
    }

    /** Tombstones the cameras on the registry topic (the run is over). */
    void removeCameras(KafkaProducer<String, byte[]> producer, List<String> ids) throws Exception {
        for (String id : ids) {
            producer.send(new ProducerRecord<>(Topics.CAMERAS, id, null)).get();
        }
    }

    /** Attendance has applied every identity event and published every outbox row. */
    static boolean settled(Stack stack, Admin admin) {
        try (Connection db = stack.db()) {
            return Faults.inFlight(admin, db) == 0;
        } catch (Exception e) {
            return false;
        }
    }

    List<AttendanceEvent> attendanceEvents() {
        List<AttendanceEvent> out = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> r : readAll(Topics.ATTENDANCE)) {
            if (r.key() != null && r.key().startsWith(org + "/") && r.value() != null) {
                out.add(codec.decode(r.value(), AttendanceEvent.class));
            }
        }
        return out;
    }

    /** A topic from the beginning to the end offsets of now, partition by partition (order within a key kept). */
    List<ConsumerRecord<String, byte[]>> readAll(String topic) {
        return readAll(kafka, topic);
    }

    /** The same, on any broker (an edge site's). */
    static List<ConsumerRecord<String, byte[]>> readAll(String bootstrap, String topic) {
        List<ConsumerRecord<String, byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> parts = c.partitionsFor(topic).stream().map(p -> new TopicPartition(topic, p.partition())).toList();
            c.assign(parts);
            c.seekToBeginning(parts);
            Map<TopicPartition, Long> end = c.endOffsets(parts);
            Set<TopicPartition> done = new HashSet<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (done.size() < parts.size() && System.nanoTime() < deadline) {
                for (TopicPartition tp : parts) {
                    if (c.position(tp) >= end.get(tp)) {
                        done.add(tp);
                    }
                }
                for (ConsumerRecord<String, byte[]> r : c.poll(Duration.ofMillis(200))) {
                    out.add(r);
                }
            }
        }
        return out;
    }

    static void await(BooleanSupplier condition, Duration timeout, String what) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out waiting for " + what);
            }
            Thread.sleep(500);
        }
    }

    static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalStateException(message);
        }
    }
}
