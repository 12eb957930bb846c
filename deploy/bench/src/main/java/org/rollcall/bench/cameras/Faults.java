package org.rollcall.bench.cameras;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.rollcall.events.Topics;

/**
 * Kills one part of the running stack with SIGKILL and restarts it as an operator would, with
 * {@code deploy/rollcall up} (which starts exactly what is down and returns once every part is
 * ready). A service replica and the Kafka broker are killed by their pid file; PostgreSQL by its
 * server's pid (postmaster.pid), which is what a database crash is.
 */
final class Faults {
    /** Every part of the chaos stack, each killed once per round. */
    static final List<String> TARGETS = List.of("recognition", "recognition-2", "attendance", "attendance-2",
            "frame-ingest", "identity", "kafka", "postgresql");

    /** One kill: what, when (seconds into the run), how long until everything was ready again, what was in flight. */
    record Kill(String target, double atSeconds, double recoverySeconds, long inFlight, boolean recovered) {
    }

    private final Path home;
    private final Path launcher;
    private final Path log;

    Faults(Path root, Path home) {
        this.home = home;
        this.launcher = root.resolve("deploy/rollcall");
        this.log = home.resolve("logs/chaos-restarts.log");
    }

    long pidOf(String target) throws IOException {
        Path file = switch (target) {
            case "postgresql" -> home.resolve("postgres/postmaster.pid");
            case "kafka" -> home.resolve("run/devstack-kafka.pid");
            default -> home.resolve("run/" + target + ".pid");
        };
        return Long.parseLong(Files.readAllLines(file).get(0).trim());
    }

    /** SIGKILL, then waits until the process is gone (a kill is not instant). */
    void kill(String target) throws Exception {
        long pid = pidOf(target);
        ProcessHandle p = ProcessHandle.of(pid).orElseThrow(() -> new IllegalStateException(target + " (pid " + pid + ") is not running"));
        p.destroyForcibly();
        p.onExit().get(30, TimeUnit.SECONDS);
    }

    /** deploy/rollcall up, as the operator's (or the orchestrator's) answer to a crash; true when it says all is ready. */
    boolean restart(Duration timeout) throws Exception {
        return restart(timeout, Map.of());
    }

    /** The same with settings added to the environment the restarted parts start with. */
    boolean restart(Duration timeout, Map<String, String> env) throws Exception {
        Files.createDirectories(log.getParent());
        ProcessBuilder pb = new ProcessBuilder(launcher.toString(), "up").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().putAll(env);
        Process up = pb.start();
        if (!up.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
            up.destroyForcibly();
            return false;
        }
        return up.exitValue() == 0;
    }

    /**
     * Identity events attendance has not committed yet plus attendance events not yet published
     * (outbox rows): what a crash at this moment must not lose or double.
     */
    static long inFlight(Admin admin, java.sql.Connection db) {
        long lag = 0;
        try {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets("attendance")
                    .partitionsToOffsetAndMetadata().get(5, TimeUnit.SECONDS);
            List<TopicPartition> parts = new ArrayList<>();
            for (var p : admin.describeTopics(List.of(Topics.IDENTITY_EVENTS)).allTopicNames().get(5, TimeUnit.SECONDS)
                    .get(Topics.IDENTITY_EVENTS).partitions()) {
                parts.add(new TopicPartition(Topics.IDENTITY_EVENTS, p.partition()));
            }
            Map<TopicPartition, OffsetSpec> latest = new java.util.HashMap<>();
            parts.forEach(tp -> latest.put(tp, OffsetSpec.latest()));
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(latest).all().get(5, TimeUnit.SECONDS);
            for (TopicPartition tp : parts) {
                OffsetAndMetadata c = committed.get(tp);
                lag += ends.get(tp).offset() - (c == null ? 0 : c.offset());
            }
        } catch (Exception e) {
            return -1;
        }
        try (var rs = db.createStatement().executeQuery("SELECT count(*) FROM attendance.outbox")) {
            rs.next();
            return lag + rs.getLong(1);
        } catch (Exception e) {
            return -1;
        }
    }
}
