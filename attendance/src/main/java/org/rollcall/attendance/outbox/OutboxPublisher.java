package org.rollcall.attendance.outbox;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logging.Logger;
import org.rollcall.attendance.policy.AttendanceConfig;
import org.rollcall.events.Topics;
import org.rollcall.events.kafka.KafkaConnection;

/**
 * Publishes committed outbox rows to rollcall.attendance.v1 and to the organization's own topic
 * (what its integrators may read, {@link Topics#organizationAttendance}) in id order, and deletes
 * them in the same transaction once the broker acknowledged both (idempotent producer, acks=all).
 * Whichever replica holds the publisher's advisory lock publishes, the others wait their turn, so
 * events leave in id order (per key order on the topic, as asyncapi.yaml promises) with any number
 * of replicas. A broker outage leaves the rows in place and the loop retries.
 */
@ApplicationScoped
public class OutboxPublisher {
    private static final Logger LOG = Logger.getLogger(OutboxPublisher.class);
    private static final long IDLE_MS = 200;
    private static final long FAILURE_PAUSE_MS = 2000;
    /** The advisory lock key of the outbox publisher (any constant unique in this database). */
    static final long PUBLISHER_LOCK = 0x526f6c6c63616c6cL;

    private final EntityManager em;
    private final AttendanceConfig config;
    private final KafkaConnection kafka;
    private final Counter published;
    /** Rows waiting and the age of the oldest, measured by the loop every {@link #MEASURE_EVERY_MS} (gauges read them). */
    private volatile double backlog;
    private volatile double oldestAgeSeconds;
    private long measuredAt;
    private static final long MEASURE_EVERY_MS = 5000;
    private final Object wake = new Object();
    private volatile boolean running;
    private KafkaProducer<String, byte[]> producer;
    private OrganizationTopics organizationTopics;
    private Thread loop;

    public OutboxPublisher(EntityManager em, AttendanceConfig config,
            @Identifier("default-kafka-broker") Map<String, Object> kafkaSettings, MeterRegistry registry) {
        this.em = em;
        this.config = config;
        this.kafka = KafkaConnection.of(kafkaSettings);
        this.published = Counter.builder("rollcall_attendance_events_published").register(registry);
        io.micrometer.core.instrument.Gauge.builder("rollcall_outbox_backlog", this, o -> o.backlog)
                .description("attendance events stored but not yet acknowledged by Kafka").register(registry);
        io.micrometer.core.instrument.Gauge.builder("rollcall_outbox_oldest_age_seconds", this, o -> o.oldestAgeSeconds)
                .description("how long the oldest unpublished attendance event has waited (0: none)").register(registry);
    }

    /** Public so that a test can run a second publisher, as a second replica would. */
    public void start(@Observes StartupEvent ev) {
        producer = new KafkaProducer<>(kafka.with(Map.of(
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 5,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) config.outbox().sendTimeout().toMillis(),
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) config.outbox().sendTimeout().toMillis() - 10,
                ProducerConfig.CLIENT_ID_CONFIG, "attendance-outbox")),
                new StringSerializer(), new ByteArraySerializer());
        organizationTopics = new OrganizationTopics(Admin.create(kafka.with(Map.of(AdminClientConfig.CLIENT_ID_CONFIG, "attendance-topics"))));
        running = true;
        loop = new Thread(this::run, "attendance-outbox");
        loop.setDaemon(true);
        loop.start();
    }

    public void stop(@Observes ShutdownEvent ev) throws InterruptedException {
        running = false;
        wakeUp();
        if (loop != null) {
            loop.join(5000);
        }
        if (producer != null) {
            producer.close(java.time.Duration.ofSeconds(5));
        }
        if (organizationTopics != null) {
            organizationTopics.close();
        }
    }

    /** False when the loop's thread died (an Error): nothing would be published, so readiness says DOWN. */
    public boolean alive() {
        return !running || (loop != null && loop.isAlive());
    }

    /** Called after a transaction that added rows, so events leave without waiting for the next poll. */
    public void wakeUp() {
        synchronized (wake) {
            wake.notifyAll();
        }
    }

    private void run() {
        while (running) {
            int sent;
            try {
                sent = QuarkusTransaction.requiringNew().call(this::publishBatch);
            } catch (RuntimeException e) {
                if (running) {
                    LOG.warnf("attendance events not published yet (will retry): %s", e.getMessage());
                }
                sleep(FAILURE_PAUSE_MS);
                continue;
            }
            if (sent < config.outbox().batchSize()) {
                synchronized (wake) {
                    try {
                        wake.wait(IDLE_MS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }
        }
    }

    private int publishBatch() throws Exception {
        measureBacklog();
        // one publisher at a time across all replicas (held until this transaction ends): with two
        // replicas taking separate batches (SKIP LOCKED), a later batch could be acknowledged before an
        // earlier one and a person's CHECK_OUT could land before the CHECK_IN. Another replica that
        // holds the lock is publishing: this one idles.
        Object locked = em.createNativeQuery("SELECT pg_try_advisory_xact_lock(:k)").setParameter("k", PUBLISHER_LOCK)
                .getSingleResult();
        if (!Boolean.TRUE.equals(locked)) {
            return 0;
        }
        @SuppressWarnings("unchecked")
        List<OutboxEntry> rows = em.createNativeQuery(
                "SELECT * FROM attendance.outbox ORDER BY id LIMIT :n FOR UPDATE", OutboxEntry.class)
                .setParameter("n", config.outbox().batchSize())
                .getResultList();
        if (rows.isEmpty()) {
            return 0;
        }
        List<Future<RecordMetadata>> acks = new ArrayList<>(rows.size() * 2);
        for (OutboxEntry row : rows) {
            acks.add(producer.send(new ProducerRecord<>(Topics.ATTENDANCE, row.eventKey, row.payload)));
            // up to the first '/': organization ids never contain one (a manual entry's person id may)
            String orgId = row.eventKey.substring(0, row.eventKey.indexOf('/'));
            if (Topics.isUsableOrgId(orgId)) {
                acks.add(producer.send(new ProducerRecord<>(organizationTopics.ensure(orgId), row.eventKey, row.payload)));
            } else {
                // identity never makes such ids; the shared topic still carries the event
                LOG.warnf("organization id %s cannot name a topic; its integrators' copy is skipped", orgId);
            }
        }
        long timeout = config.outbox().sendTimeout().toMillis();
        for (Future<RecordMetadata> ack : acks) {
            ack.get(timeout, TimeUnit.MILLISECONDS);
        }
        for (OutboxEntry row : rows) {
            em.remove(row);
        }
        published.increment(rows.size());
        return rows.size();
    }

    /** Every replica measures (the gauges' max over replicas is the backlog); cheap: the outbox is small when healthy. */
    private void measureBacklog() {
        long now = System.currentTimeMillis();
        if (now - measuredAt < MEASURE_EVERY_MS) {
            return;
        }
        measuredAt = now;
        Object[] row = (Object[]) em.createNativeQuery(
                "SELECT count(*), COALESCE(EXTRACT(EPOCH FROM now() - min(created_at)), 0) FROM attendance.outbox").getSingleResult();
        backlog = ((Number) row[0]).doubleValue();
        oldestAgeSeconds = ((Number) row[1]).doubleValue();
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
