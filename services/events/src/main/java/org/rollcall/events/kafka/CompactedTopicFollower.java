package org.rollcall.events.kafka;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiConsumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads a compacted topic whole, from the beginning, without a consumer group (every instance
 * needs all of it), then keeps following it. {@link #caughtUp()} turns true once the end offsets
 * seen at start have been reached: until then the state it builds is incomplete.
 */
public final class CompactedTopicFollower implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(CompactedTopicFollower.class.getName());

    private final String topic;
    private final KafkaConnection kafka;
    private final BiConsumer<String, byte[]> handler;
    private final java.util.concurrent.CountDownLatch loaded = new java.util.concurrent.CountDownLatch(1);
    private volatile boolean running = true;
    private KafkaConsumer<String, byte[]> consumer;
    private Thread thread;

    public CompactedTopicFollower(String topic, KafkaConnection kafka, BiConsumer<String, byte[]> handler) {
        this.topic = topic;
        this.kafka = kafka;
        this.handler = handler;
    }

    public CompactedTopicFollower start() {
        consumer = new KafkaConsumer<>(kafka.with(Map.<String, Object>of(
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.CLIENT_ID_CONFIG, "follow-" + topic + "-" + UUID.randomUUID().toString().substring(0, 8),
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000)),
                new StringDeserializer(), new ByteArrayDeserializer());
        thread = new Thread(this::run, "follow-" + topic);
        thread.setDaemon(true);
        thread.start();
        return this;
    }

    /**
     * Loaded to the end offsets seen at start and still following: a follower whose thread died
     * (an Error) no longer sees changes, so every readiness check built on this turns DOWN.
     */
    public boolean caughtUp() {
        return loaded.getCount() == 0 && (!running || (thread != null && thread.isAlive()));
    }

    /** Waits until {@link #caughtUp()}; false when that did not happen within {@code timeout}. */
    public boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
        return loaded.await(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    private void run() {
        Map<TopicPartition, Long> end = null;
        while (running) {
            try {
                if (end == null) {
                    List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                            .map(p -> new TopicPartition(topic, p.partition())).toList();
                    if (partitions.isEmpty()) {
                        Thread.sleep(1000);
                        continue;
                    }
                    consumer.assign(partitions);
                    consumer.seekToBeginning(partitions);
                    end = consumer.endOffsets(partitions, Duration.ofSeconds(10));
                }
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    try {
                        handler.accept(r.key(), r.value());
                    } catch (RuntimeException e) {
                        LOG.log(System.Logger.Level.WARNING, "skipping a record of {0} at {1}@{2}: {3}", topic, r.partition(), r.offset(), e.getMessage());
                    }
                }
                if (loaded.getCount() > 0 && reached(end)) {
                    loaded.countDown();
                    LOG.log(System.Logger.Level.INFO, "{0} loaded", topic);
                }
            } catch (WakeupException e) {
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                if (running) {
                    LOG.log(System.Logger.Level.WARNING, "following {0}: {1} (retrying)", topic, e.getMessage());
                    sleep();
                }
            }
        }
    }

    private boolean reached(Map<TopicPartition, Long> end) {
        for (var e : end.entrySet()) {
            if (consumer.position(e.getKey()) < e.getValue()) {
                return false;
            }
        }
        return true;
    }

    private static void sleep() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        running = false;
        if (consumer != null) {
            consumer.wakeup();
        }
        if (thread != null) {
            try {
                thread.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (consumer != null) {
            consumer.close(Duration.ofSeconds(2));
        }
    }
}
