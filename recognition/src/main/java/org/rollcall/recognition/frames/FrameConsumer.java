package org.rollcall.recognition.frames;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logging.Logger;
import org.rollcall.events.EventCodec;
import org.rollcall.events.IdentityEvent;
import org.rollcall.events.LiveFaces;
import org.rollcall.events.RecentFace;
import org.rollcall.events.Topics;
import org.rollcall.events.kafka.KafkaConnection;
import org.rollcall.face.image.InvalidImageException;
import org.rollcall.recognition.camera.Cameras;

/**
 * Consumes rollcall.frames.v1 in consumer group {@code recognition} and emits identity events.
 *
 * <ul>
 * <li>Workers: a camera's frames run one at a time and in order (its tracker needs them so), any
 * camera on any of {@code lanes} threads ({@link CameraQueues}).
 * <li>Backpressure: at most {@code maxInFlight} frames between poll and acknowledgement; beyond
 * that the consumer pauses its partitions (memory stays bounded, nothing is dropped).
 * <li>Staleness: a frame older than {@code maxFrameAge} when its turn comes is skipped and counted.
 * <li>Exactly-once for downstream: an offset is committed only when every earlier frame of its
 * partition is finished and its events are acknowledged (idempotent producer, acks=all). A send
 * that fails for good restarts the session from the last commit; re-processed frames repeat
 * their event ids.
 * <li>Rebalance: revoked partitions are drained and committed; their cameras' tracks are dropped.
 * </ul>
 */
public final class FrameConsumer implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(FrameConsumer.class);
    public static final String GROUP = "recognition";

    private final KafkaConnection kafka;
    private final String group;
    private final int lanes;
    private final int maxInFlight;
    private final Duration maxFrameAge;
    private final CameraStates cameraStateFactory;
    private final FrameAnalyzer analyzer;
    private final Cameras cameras;
    private final PipelineMetrics metrics;
    private final EventCodec codec = new EventCodec();
    /** The work of one partition while it is assigned to this session; a new assignment gets a new one. */
    private static final class PartitionWork {
        final NavigableSet<Long> pending = new ConcurrentSkipListSet<>();
        volatile long highestPolled = -1;
    }

    private final Map<TopicPartition, PartitionWork> work = new ConcurrentHashMap<>();
    private final Map<TopicPartition, Long> committed = new HashMap<>();
    private final Map<String, CameraState> cameraStates = new ConcurrentHashMap<>();
    private final ClockSkew clocks;
    /** Frames in a row that failed analysis for no reason of their own: many means this instance is broken. */
    private final AtomicInteger consecutiveErrors = new AtomicInteger();
    static final int BROKEN_AFTER_ERRORS = 20;
    private volatile boolean running = true;
    private volatile boolean sendFailed;
    private CameraQueues workers;
    private KafkaProducer<String, byte[]> producer;
    private KafkaConsumer<String, byte[]> consumer;
    private Thread thread;

    public FrameConsumer(KafkaConnection kafka, String group, int lanes, int maxInFlight, Duration maxFrameAge,
            CameraStates cameraStateFactory, FrameAnalyzer analyzer, Cameras cameras, PipelineMetrics metrics, ClockSkew clocks) {
        this.clocks = clocks;
        this.kafka = kafka;
        this.group = group;
        this.lanes = Math.max(1, lanes);
        this.maxInFlight = Math.max(this.lanes, maxInFlight);
        this.maxFrameAge = maxFrameAge;
        this.cameraStateFactory = cameraStateFactory;
        this.analyzer = analyzer;
        this.cameras = cameras;
        this.metrics = metrics;
    }

    public FrameConsumer start() {
        workers = new CameraQueues(lanes);
        producer = new KafkaProducer<>(kafka.with(Map.<String, Object>of(
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 2,
                ProducerConfig.CLIENT_ID_CONFIG, "recognition-events")),
                new StringSerializer(), new ByteArraySerializer());
        thread = new Thread(this::runSessions, "recognition-frames");
        thread.setDaemon(true);
        thread.start();
        return this;
    }

    /** One consumer session after another: a failed send ends a session without committing. */
    private void runSessions() {
        while (running) {
            try {
                session();
            } catch (WakeupException e) {
                if (running) {
                    LOG.warn("restarting the frame consumer session from the last committed offsets");
                }
            } catch (RuntimeException e) {
                LOG.errorf(e, "frame consumer session failed; restarting from the last committed offsets");
                pause(1000);
            }
        }
    }

    private void session() {
        sendFailed = false;
        consumer = new KafkaConsumer<>(kafka.with(Map.<String, Object>of(
                ConsumerConfig.GROUP_ID_CONFIG, group,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                // a new group starts at the beginning; frames that have grown old are skipped as stale
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, maxInFlight,
                ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, 300_000,
                // a crashed instance's cameras move after 6 s (the broker's minimum), not 45 s: frames
                // older than the staleness limit are skipped anyway, so waiting longer only loses more
                ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 6_000,
                ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 1_500,
                // a rebalance moves only the partitions that change owner; the others keep streaming
                ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG,
                org.apache.kafka.clients.consumer.CooperativeStickyAssignor.class.getName())),
                new StringDeserializer(), new ByteArrayDeserializer());
        try {
            consumer.subscribe(List.of(Topics.FRAMES), new Rebalance());
            long lastCommit = 0;
            while (running && !sendFailed) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                    dispatch(r);
                }
                if (inFlight() >= maxInFlight) {
                    consumer.pause(consumer.assignment());
                } else if (!consumer.paused().isEmpty()) {
                    consumer.resume(consumer.paused());
                }
                if (System.currentTimeMillis() - lastCommit >= 200) {
                    commitFinished(consumer.assignment(), false);
                    lastCommit = System.currentTimeMillis();
                    // frames waiting per partition, from this thread (the consumer is single-threaded): known from the last fetch
                    for (TopicPartition tp : consumer.assignment()) {
                        consumer.currentLag(tp).ifPresent(lag -> metrics.lag(tp.partition(), lag));
                    }
                }
            }
            if (!sendFailed) {
                drain(consumer.assignment(), Duration.ofSeconds(10));
                commitFinished(consumer.assignment(), true);
            }
        } finally {
            consumer.close(Duration.ofSeconds(5));
            resetState();
        }
    }

    private void dispatch(ConsumerRecord<String, byte[]> r) {
        TopicPartition tp = new TopicPartition(r.topic(), r.partition());
        PartitionWork w = work.computeIfAbsent(tp, p -> new PartitionWork());
        w.pending.add(r.offset());
        w.highestPolled = Math.max(w.highestPolled, r.offset());
        metrics.consumed();
        String camera = r.key() == null ? "" : r.key();
        // the task holds its partition's work object: finishing it after a revocation or a new
        // session touches that old object, never the offsets a new assignment is tracking
        workers.execute(camera, () -> process(w, tp, r));
    }

    /** Frames polled and not finished, over the partitions of this session. */
    int inFlight() {
        int n = 0;
        for (PartitionWork w : work.values()) {
            n += w.pending.size();
        }
        return n;
    }

    /** A new camera's state (tracks and their decisions) when its first frame arrives here. */
    @FunctionalInterface
    public interface CameraStates {
        CameraState create(String cameraId, int partition);
    }

    private void process(PartitionWork w, TopicPartition tp, ConsumerRecord<String, byte[]> r) {
        FrameAnalyzer.Analysis analysis;
        try {
            Frame frame = FrameParser.parse(r);
            Instant now = Instant.now();
            Instant captured = clocks.captureOnBrokerClock(frame.ingestHost(), frame.capturedAt(), frame.brokerTime(), now);
            if (Duration.between(captured, now).compareTo(maxFrameAge) > 0) {
                metrics.skipped("stale");
                finish(w, r.offset());
                return;
            }
            String refusal = cameras.refusal(frame.cameraId(), frame.orgId(), frame.siteId());
            if (refusal != null) {
                throw new BadFrameException(refusal, "camera " + frame.cameraId() + " is not registered for organization "
                        + frame.orgId() + " and site " + frame.siteId());
            }
            CameraState state = cameraStates.computeIfAbsent(frame.cameraId(),
                    c -> cameraStateFactory.create(c, r.partition()));
            analysis = analyzer.analyze(frame, state);
        } catch (BadFrameException e) {
            metrics.skipped(e.reason());
            LOG.warnf("skipping frame at %s@%d: %s", tp, r.offset(), e.getMessage());
            finish(w, r.offset());
            return;
        } catch (InvalidImageException e) {
            metrics.skipped("corrupt");
            LOG.warnf("skipping frame at %s@%d: %s", tp, r.offset(), e.getMessage());
            finish(w, r.offset());
            return;
        } catch (RuntimeException | OutOfMemoryError e) {
            // one frame that breaks the analysis is skipped (counted); twenty in a row mean this
            // instance is broken, and readiness says so until a frame goes through again
            metrics.skipped("error");
            int inARow = consecutiveErrors.incrementAndGet();
            LOG.errorf(e, "frame at %s@%d could not be analysed (%d in a row)", tp, r.offset(), inARow);
            finish(w, r.offset());
            return;
        }
        consecutiveErrors.set(0);
        if (!analysis.live().faces().isEmpty()) {
            // the live page's feed: best effort, nothing waits for it and nothing stores it
            LiveFaces live = analysis.live();
            producer.send(new ProducerRecord<>(Topics.LIVE_FACES, live.cameraId(), codec.encode(live)), (md, ex) -> {
                if (ex == null) {
                    metrics.captureToEvent(Duration.between(live.capturedAt(), Instant.now()));
                }
            });
        }
        for (RecentFace face : analysis.recentFaces()) {
            // the dashboard's recent faces: best effort like the live feed
            producer.send(new ProducerRecord<>(Topics.RECENT_FACES, face.key(), codec.encode(face)));
        }
        List<IdentityEvent> events = analysis.decisions();
        if (events.isEmpty()) {
            finish(w, r.offset());
            return;
        }
        AtomicInteger remaining = new AtomicInteger(events.size());
        for (IdentityEvent e : events) {
            producer.send(new ProducerRecord<>(Topics.IDENTITY_EVENTS, e.key(), codec.encode(e)), (md, ex) -> {
                if (ex != null) {
                    // the idempotent producer already retried for delivery.timeout.ms: start over from the last commit
                    LOG.errorf("identity event not delivered (%s); the frame will be processed again", ex.getMessage());
                    sendFailed = true;
                    if (consumer != null) {
                        consumer.wakeup();
                    }
                    return;
                }
                if (remaining.decrementAndGet() == 0) {
                    finish(w, r.offset());
                }
            });
        }
    }

    private static void finish(PartitionWork w, long offset) {
        w.pending.remove(offset);
    }

    /** Commits, per partition, the offset before which every frame is finished. */
    private void commitFinished(Collection<TopicPartition> partitions, boolean sync) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (TopicPartition tp : partitions) {
            PartitionWork w = work.get(tp);
            if (w == null || w.highestPolled < 0) {
                continue;
            }
            // the lowest unfinished frame, read before the highest polled: never past an unprocessed frame
            Long first = firstOrNull(w.pending);
            long next = first != null ? first : w.highestPolled + 1;
            if (!Long.valueOf(next).equals(committed.get(tp))) {
                offsets.put(tp, new OffsetAndMetadata(next));
            }
        }
        if (offsets.isEmpty()) {
            return;
        }
        if (sync) {
            consumer.commitSync(offsets);
        } else {
            consumer.commitAsync(offsets, (o, ex) -> {
                if (ex != null) {
                    LOG.debugf("offset commit failed (the next one covers it): %s", ex.getMessage());
                }
            });
        }
        offsets.forEach((tp, o) -> committed.put(tp, o.offset()));
    }

    private void drain(Collection<TopicPartition> partitions, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline && !sendFailed) {
            boolean empty = true;
            for (TopicPartition tp : partitions) {
                PartitionWork w = work.get(tp);
                if (w != null && !w.pending.isEmpty()) {
                    empty = false;
                }
            }
            if (empty) {
                return;
            }
            pause(20);
        }
    }

    private void resetState() {
        // a new session starts from committed offsets with fresh tracks
        try {
            if (!workers.awaitIdle(30_000)) {
                LOG.warn("the workers did not drain in 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        work.clear();
        committed.clear();
        cameraStates.clear();
    }

    private final class Rebalance implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            drain(partitions, maxFrameAge.plusSeconds(10));
            try {
                if (!sendFailed) {
                    commitFinished(partitions, true);
                }
            } catch (RuntimeException e) {
                LOG.warnf("commit on revocation failed: %s", e.getMessage());
            }
            Set<Integer> revoked = new java.util.HashSet<>();
            for (TopicPartition tp : partitions) {
                revoked.add(tp.partition());
                work.remove(tp);
                committed.remove(tp);
                // another instance reports it now
                metrics.lag(tp.partition(), 0);
            }
            cameraStates.values().removeIf(s -> revoked.contains(s.partition));
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            LOG.infof("frame partitions assigned: %d", partitions.size());
        }
    }

    public boolean running() {
        return thread != null && thread.isAlive() && lanesAlive();
    }

    /** False after {@value #BROKEN_AFTER_ERRORS} frames in a row failed analysis (until one succeeds). */
    public boolean analysing() {
        return consecutiveErrors.get() < BROKEN_AFTER_ERRORS;
    }

    private boolean lanesAlive() {
        return workers != null && workers.alive();
    }

    private static Long firstOrNull(NavigableSet<Long> set) {
        try {
            return set.first();
        } catch (java.util.NoSuchElementException e) {
            // emptied by a lane between the check and the read
            return null;
        }
    }

    private static void pause(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        // the loop polls every 100 ms: it sees the flag, drains and commits
        running = false;
        if (thread != null) {
            try {
                thread.join(30_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (workers != null) {
            workers.shutdownNow();
        }
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
    }
}
