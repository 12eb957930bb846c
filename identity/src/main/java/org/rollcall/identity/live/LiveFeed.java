package org.rollcall.identity.live;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.websockets.next.OpenConnections;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;
import org.rollcall.events.AttendanceEvent;
import org.rollcall.events.EventCodec;
import org.rollcall.events.LiveFaces;
import org.rollcall.events.Topics;
import org.rollcall.events.kafka.KafkaConnection;
import org.rollcall.identity.account.User;
import org.rollcall.security.RevokedTokens;

/**
 * Pushes every analysed frame's faces (the live-faces feed, with each track's current decision)
 * and attendance events to the live pages of the same organization: an admin's page gets all of
 * them, anyone else's only their own. Each socket's token is checked again before every message.
 * Reads both topics from their end (live only, no consumer group); nothing is stored, face boxes
 * and names exist only in the browsers that are watching.
 */
@ApplicationScoped
public class LiveFeed {
    private static final Logger LOG = Logger.getLogger(LiveFeed.class);

    private final OpenConnections connections;
    private final KafkaConnection kafka;
    private final EventCodec codec = new EventCodec();
    private final ObjectMapper json = new ObjectMapper();
    /** connection id -> who watches, set when a live page connects. */
    private final Map<String, Watcher> watchers = new ConcurrentHashMap<>();
    private final RevokedTokens revoked;
    private final Map<String, String> names = new ConcurrentHashMap<>();
    private volatile boolean running = true;
    private KafkaConsumer<String, byte[]> consumer;
    private Thread thread;

    public LiveFeed(OpenConnections connections, @Identifier("default-kafka-broker") Map<String, Object> kafkaSettings,
            RevokedTokens revoked) {
        this.connections = connections;
        this.revoked = revoked;
        this.kafka = KafkaConnection.of(kafkaSettings);
    }

    void start(@Observes StartupEvent ev) {
        thread = new Thread(this::run, "live-feed");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent ev) throws InterruptedException {
        running = false;
        if (consumer != null) {
            consumer.wakeup();
        }
        if (thread != null) {
            thread.join(5000);
        }
    }

    void watch(String connectionId, Watcher watcher) {
        watchers.put(connectionId, watcher);
    }

    void unwatch(String connectionId) {
        watchers.remove(connectionId);
    }

    private void run() {
        while (running) {
            try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(kafka.with(Map.<String, Object>of(
                    ConsumerConfig.CLIENT_ID_CONFIG, "identity-live-" + UUID.randomUUID().toString().substring(0, 8))),
                    new StringDeserializer(), new ByteArrayDeserializer())) {
                consumer = c;
                List<TopicPartition> parts = new java.util.ArrayList<>();
                for (String topic : List.of(Topics.LIVE_FACES, Topics.ATTENDANCE)) {
                    c.partitionsFor(topic, Duration.ofSeconds(10)).forEach(p -> parts.add(new TopicPartition(topic, p.partition())));
                }
                c.assign(parts);
                c.seekToEnd(parts);
                while (running) {
                    for (var r : c.poll(Duration.ofMillis(200))) {
                        // nobody is watching: nothing to decode
                        if (watchers.isEmpty() || r.value() == null) {
                            continue;
                        }
                        try {
                            dispatch(r.topic(), r.value());
                        } catch (RuntimeException e) {
                            LOG.debugf("live event skipped: %s", e.getMessage());
                        }
                    }
                }
            } catch (WakeupException e) {
                return;
            } catch (RuntimeException e) {
                if (running) {
                    LOG.warnf("live feed: %s (retrying)", e.getMessage());
                    try {
                        Thread.sleep(2000);
                    } catch (InterruptedException ie) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }
        }
    }

    private void dispatch(String topic, byte[] value) throws RuntimeException {
        // each message with the person it is about (null: an unknown face), which decides who may see it
        List<Map.Entry<String, Map<String, Object>>> messages = new java.util.ArrayList<>();
        String org;
        if (topic.equals(Topics.LIVE_FACES)) {
            LiveFaces frame = codec.decode(value, LiveFaces.class);
            org = frame.orgId();
            for (LiveFaces.Face f : frame.faces()) {
                Map<String, Object> msg = new HashMap<>();
                msg.put("type", "face");
                msg.put("cameraId", frame.cameraId());
                msg.put("frameId", frame.frameId());
                msg.put("name", f.personId() == null ? null : name(f.personId()));
                msg.put("known", f.personId() != null);
                msg.put("similarity", Math.round(f.similarity() * 100) / 100.0);
                msg.put("liveness", f.liveness());
                msg.put("box", List.of(f.bbox().x(), f.bbox().y(), f.bbox().width(), f.bbox().height()));
                msg.put("capturedAt", frame.capturedAt().toString());
                messages.add(new java.util.AbstractMap.SimpleEntry<>(f.personId(), msg));
            }
        } else {
            AttendanceEvent a = codec.decode(value, AttendanceEvent.class);
            org = a.orgId();
            Map<String, Object> msg = new HashMap<>();
            msg.put("type", "attendance");
            msg.put("kind", a.type().name());
            msg.put("name", name(a.personId()));
            msg.put("at", (a.type() == AttendanceEvent.Type.CHECK_OUT && a.checkOut() != null ? a.checkOut() : a.checkIn()).toString());
            msg.put("late", a.late());
            messages.add(new java.util.AbstractMap.SimpleEntry<>(a.personId(), msg));
        }
        if (messages.isEmpty()) {
            return;
        }
        List<String> texts = new java.util.ArrayList<>(messages.size());
        for (var m : messages) {
            try {
                texts.add(json.writeValueAsString(m.getValue()));
            } catch (com.fasterxml.jackson.core.JsonProcessingException ex) {
                texts.add(null);
            }
        }
        java.time.Instant now = java.time.Instant.now();
        // each socket's token is checked once per record, then it gets what it may see of it
        for (WebSocketConnection conn : connections) {
            Watcher w = watchers.get(conn.id());
            if (w == null || !conn.isOpen()) {
                continue;
            }
            if (!w.valid(now, revoked)) {
                // signed out, disabled or simply expired since the page connected: the page reconnects with its current session
                watchers.remove(conn.id());
                conn.close(new io.quarkus.websockets.next.CloseReason(LiveSocket.SESSION_ENDED, "session ended")).subscribe().with(x -> { }, x -> { });
                continue;
            }
            for (int i = 0; i < messages.size(); i++) {
                if (texts.get(i) != null && w.sees(org, messages.get(i).getKey())) {
                    conn.sendText(texts.get(i)).subscribe().with(x -> { }, x -> { });
                }
            }
        }
    }

    private String name(String personId) {
        return names.computeIfAbsent(personId, id -> {
            User u = io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().call(() -> User.findById(id));
            return u == null ? id : u.displayName;
        });
    }
}
