package org.rollcall.devstack;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.rollcall.events.Topics;
import org.rollcall.testkit.Await;
import org.rollcall.testkit.WanLink;

/**
 * An edge site's broker and the central one, two real KRaft brokers, linked by the site's
 * MirrorMaker 2 through a WAN link this test cuts: events made at the site while the link is down
 * reach the centre when it returns, every one, unchanged (capture time, headers, record timestamp),
 * in order per key; the centre's templates and tombstones (erasures) reach the site.
 */
class SiteMirrorTest {
    private static EmbeddedBroker central;
    private static EmbeddedBroker site;
    private static WanLink wan;
    private static SiteMirror mirror;
    private static String centralBootstrap;
    private static String siteBootstrap;

    @BeforeAll
    static void start() throws Exception {
        int centralPort = freePorts(3);
        int wanPort = freePorts(1);
        central = EmbeddedBroker.start(new DevStackConfig(Files.createTempDirectory("rollcall-central"), centralPort, 0, null, null, wanPort, java.util.Map.of()));
        wan = WanLink.start(wanPort, centralPort + 2);
        int sitePort = freePorts(2);
        site = EmbeddedBroker.start(new DevStackConfig(Files.createTempDirectory("rollcall-site"), sitePort, 0, null, null, 0, java.util.Map.of()),
                SiteMirror.clusterId("north"));
        centralBootstrap = "127.0.0.1:" + centralPort;
        siteBootstrap = "127.0.0.1:" + sitePort;
        mirror = SiteMirror.start("north", siteBootstrap, "127.0.0.1:" + wanPort);
    }

    @AfterAll
    static void stop() throws IOException {
        if (mirror != null) {
            mirror.close();
        }
        if (wan != null) {
            wan.close();
        }
        if (site != null) {
            site.close();
        }
        if (central != null) {
            central.close();
        }
    }

    @Test
    void eventsMadeWhileTheWanIsCutArriveUnchangedAndInOrderAndErasuresReachTheSite() throws Exception {
        Map<String, byte[]> before = produce(siteBootstrap, Topics.IDENTITY_EVENTS, "before", 10);
        // the gallery comes down: a template made centrally is at the site
        try (KafkaProducer<String, byte[]> p = producer(centralBootstrap)) {
            p.send(new ProducerRecord<>(Topics.FACE_TEMPLATES, "org-1/p-1/t-1", "embedding".getBytes(StandardCharsets.UTF_8))).get();
        }
        Map<String, List<ConsumerRecord<String, byte[]>>> centralEvents = new ConcurrentHashMap<>();
        Await.until(() -> read(centralBootstrap, Topics.IDENTITY_EVENTS, centralEvents).keySet().containsAll(before.keySet()),
                Duration.ofSeconds(90), "the site's first events at the centre");
        Await.until(() -> latest(siteBootstrap, Topics.FACE_TEMPLATES).containsKey("org-1/p-1/t-1"), Duration.ofSeconds(60),
                "the centre's template at the site");
        assertTrue(wan.bytesToTarget() > 0 && wan.bytesFromTarget() > 0, "the mirror's traffic crosses the WAN link");

        wan.cut();
        long bytesAtCut = wan.bytesToTarget() + wan.bytesFromTarget();
        // people keep arriving at the site: recognition writes to the site's broker as usual
        Map<String, byte[]> during = produce(siteBootstrap, Topics.IDENTITY_EVENTS, "during", 60);
        // and an erasure is made centrally while the site is unreachable
        try (KafkaProducer<String, byte[]> p = producer(centralBootstrap)) {
            p.send(new ProducerRecord<>(Topics.FACE_TEMPLATES, "org-1/p-1/t-1", null)).get();
        }
        // the fault's duration (not a wait for something): longer than the clients' request timeout
        // (30 s), so the mirror's requests fail and its connections are given up, not merely slow
        Thread.sleep(Duration.ofSeconds(35).toMillis());
        assertEquals(bytesAtCut, wan.bytesToTarget() + wan.bytesFromTarget(), "nothing crosses a cut link");
        wan.restore();

        Await.until(() -> read(centralBootstrap, Topics.IDENTITY_EVENTS, centralEvents).keySet().containsAll(during.keySet()),
                Duration.ofSeconds(120), "the events made during the cut at the centre");
        for (Map.Entry<String, byte[]> e : during.entrySet()) {
            for (ConsumerRecord<String, byte[]> copy : centralEvents.get(e.getKey())) {
                assertArrayEquals(e.getValue(), copy.value(), "an event arrives as it was made");
                assertEquals("capture-" + e.getKey(), new String(copy.headers().lastHeader("rc-test").value(), StandardCharsets.UTF_8));
            }
        }
        assertInOrderPerKey(centralEvents);
        Await.until(() -> !latest(siteBootstrap, Topics.FACE_TEMPLATES).containsKey("org-1/p-1/t-1"), Duration.ofSeconds(90),
                "the tombstone (an erasure) at the site");
    }

    /** Events keyed by two people, values numbered per key; returns id to value. */
    private static Map<String, byte[]> produce(String bootstrap, String topic, String batch, int n) throws Exception {
        Map<String, byte[]> made = new LinkedHashMap<>();
        try (KafkaProducer<String, byte[]> p = producer(bootstrap)) {
            for (int i = 0; i < n; i++) {
                String id = batch + "-" + i;
                String key = "org-1/person-" + (i % 2);
                byte[] value = ("{\"eventId\":\"" + id + "\",\"seq\":" + i + ",\"batch\":\"" + batch + "\"}").getBytes(StandardCharsets.UTF_8);
                ProducerRecord<String, byte[]> r = new ProducerRecord<>(topic, null, System.currentTimeMillis() - 60_000, key, value);
                r.headers().add("rc-test", ("capture-" + id).getBytes(StandardCharsets.UTF_8));
                p.send(r).get();
                made.put(id, value);
            }
        }
        return made;
    }

    /** Reads the whole topic again and groups the copies by event id (the value's eventId). */
    private static Map<String, List<ConsumerRecord<String, byte[]>>> read(String bootstrap, String topic,
            Map<String, List<ConsumerRecord<String, byte[]>>> into) {
        into.clear();
        each(bootstrap, topic, r -> {
            String v = new String(r.value(), StandardCharsets.UTF_8);
            String id = v.substring(v.indexOf("\"eventId\":\"") + 11, v.indexOf("\",\"seq\""));
            into.computeIfAbsent(id, k -> new ArrayList<>()).add(r);
        });
        return into;
    }

    /** A compacted topic's current state (a tombstone removes its key). */
    private static Map<String, byte[]> latest(String bootstrap, String topic) {
        Map<String, byte[]> state = new HashMap<>();
        each(bootstrap, topic, r -> {
            if (r.value() == null) {
                state.remove(r.key());
            } else {
                state.put(r.key(), r.value());
            }
        });
        return state;
    }

    /** Every record of the topic from its start to its end of now. */
    private static void each(String bootstrap, String topic, java.util.function.Consumer<ConsumerRecord<String, byte[]>> action) {
        try (KafkaConsumer<String, byte[]> c = consumer(bootstrap)) {
            List<TopicPartition> parts = c.partitionsFor(topic).stream().map(i -> new TopicPartition(topic, i.partition())).toList();
            c.assign(parts);
            c.seekToBeginning(parts);
            Map<TopicPartition, Long> end = c.endOffsets(parts);
            while (parts.stream().anyMatch(tp -> c.position(tp) < end.get(tp))) {
                c.poll(Duration.ofMillis(500)).forEach(action);
            }
        }
    }

    /** Per key, the first copy of each event comes in the order the events were made (a resend repeats, never reorders). */
    private static void assertInOrderPerKey(Map<String, List<ConsumerRecord<String, byte[]>>> events) {
        Map<String, List<ConsumerRecord<String, byte[]>>> byKey = new HashMap<>();
        events.values().forEach(copies -> copies.forEach(r -> byKey.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(r)));
        for (Map.Entry<String, List<ConsumerRecord<String, byte[]>>> key : byKey.entrySet()) {
            List<ConsumerRecord<String, byte[]>> rs = key.getValue();
            rs.sort((a, b) -> Long.compare(a.offset(), b.offset()));
            java.util.Set<String> seen = new java.util.HashSet<>();
            int last = -1;
            for (ConsumerRecord<String, byte[]> r : rs) {
                String v = new String(r.value(), StandardCharsets.UTF_8);
                int order = (v.contains("\"batch\":\"during\"") ? 1000 : 0)
                        + Integer.parseInt(v.substring(v.indexOf("\"seq\":") + 6, v.indexOf(",\"batch\"")));
                if (seen.add(v)) {
                    assertTrue(order > last, "per key " + key.getKey() + ": " + v + " arrived before an event made earlier");
                    last = order;
                }
            }
        }
    }

    private static KafkaProducer<String, byte[]> producer(String bootstrap) {
        return new KafkaProducer<>(Map.of("bootstrap.servers", bootstrap, "acks", "all"), new StringSerializer(), new ByteArraySerializer());
    }

    private static KafkaConsumer<String, byte[]> consumer(String bootstrap) {
        return new KafkaConsumer<>(Map.of("bootstrap.servers", bootstrap, "group.id", "test-" + UUID.randomUUID(),
                "enable.auto.commit", "false"), new StringDeserializer(), new ByteArrayDeserializer());
    }

    /** The first of {@code n} consecutive free ports. */
    private static int freePorts(int n) throws IOException {
        for (int attempt = 0; attempt < 50; attempt++) {
            int first;
            try (ServerSocket s = new ServerSocket(0)) {
                first = s.getLocalPort();
            }
            if (first + n > 65535) {
                continue;
            }
            boolean free = true;
            for (int i = 1; i < n && free; i++) {
                try (ServerSocket s = new ServerSocket(first + i)) {
                    free = true;
                } catch (IOException e) {
                    free = false;
                }
            }
            if (free) {
                return first;
            }
        }
        throw new IOException("no " + n + " consecutive free ports");
    }
}
