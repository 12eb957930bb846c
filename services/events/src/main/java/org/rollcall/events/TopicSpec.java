package org.rollcall.events;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * How each topic is created: the one source of truth for devstack, the test kit and the
 * Kubernetes KafkaTopic manifests (a test checks they agree).
 *
 * @param retention null means the broker default (7 days); for a compacted topic, when set, records
 *                  older than it are deleted too (compact + delete)
 */
public record TopicSpec(String name, int partitions, boolean compacted, Duration retention) {

    /** Frame partitions bound how many recognition replicas can share the work. */
    public static final int FRAME_PARTITIONS = 12;

    public static final List<TopicSpec> ALL = List.of(
            // frames are ephemeral: minutes, never disk-archived
            new TopicSpec(Topics.FRAMES, FRAME_PARTITIONS, false, Duration.ofMinutes(10)),
            new TopicSpec(Topics.FACE_TEMPLATES, 6, true, null),
            new TopicSpec(Topics.IDENTITY_EVENTS, 6, false, Duration.ofDays(7)),
            // poison identity events: kept a month for an operator to inspect and replay
            new TopicSpec(Topics.IDENTITY_EVENTS_DEAD_LETTERS, 1, false, Duration.ofDays(30)),
            new TopicSpec(Topics.ATTENDANCE, 6, false, Duration.ofDays(30)),
            new TopicSpec(Topics.CAMERAS, 1, true, null),
            // what the live page draws: seconds matter, so two minutes is plenty and nothing is archived
            new TopicSpec(Topics.LIVE_FACES, 6, false, Duration.ofMinutes(2)),
            // the last known state of every camera, whichever ingest replica runs it
            new TopicSpec(Topics.CAMERA_STATUS, 1, true, null),
            // kept (compacted) so a service that was down, or a new one, still applies every erasure
            new TopicSpec(Topics.ERASURES, 1, true, null),
            new TopicSpec(Topics.ERASURE_CONFIRMATIONS, 1, true, null),
            // revoked tokens: a day is far longer than any token lives (minutes)
            new TopicSpec(Topics.REVOCATIONS, 1, true, Duration.ofDays(1)),
            // faces for the dashboard: the latest per person or visitor, gone after a day or at a tombstone
            new TopicSpec(Topics.RECENT_FACES, 6, true, Duration.ofDays(1)));

    /** An organization's own attendance topic ({@link Topics#organizationAttendance}): same retention as the shared one. */
    public static TopicSpec organizationAttendance(String orgId) {
        return new TopicSpec(Topics.organizationAttendance(orgId), 1, false, Duration.ofDays(30));
    }

    /**
     * How long a compacted topic may keep a superseded value or a tombstoned key's data: a
     * tombstoned face template (an erasure) is physically gone from the log within a day.
     */
    public static final Duration MAX_COMPACTION_LAG = Duration.ofDays(1);

    /** Topic-level configs as Kafka names them. */
    public Map<String, String> configs() {
        if (compacted) {
            Map<String, String> cfg = new java.util.HashMap<>(Map.of("cleanup.policy", "compact", "min.compaction.lag.ms", "0",
                    "max.compaction.lag.ms", Long.toString(MAX_COMPACTION_LAG.toMillis()), "segment.ms", "3600000"));
            if (retention != null) {
                cfg.put("cleanup.policy", "compact,delete");
                cfg.put("retention.ms", Long.toString(retention.toMillis()));
            }
            return Map.copyOf(cfg);
        }
        Map<String, String> cfg = new java.util.HashMap<>();
        cfg.put("cleanup.policy", "delete");
        if (retention != null) {
            cfg.put("retention.ms", Long.toString(retention.toMillis()));
        }
        if (Topics.FRAMES.equals(name)) {
            // small segments so old frames really go after the retention time
            cfg.put("segment.ms", "60000");
            cfg.put("max.message.bytes", "1048576");
            // the broker's clock on every frame: recognition measures each ingest host's clock offset against it
            cfg.put("message.timestamp.type", "LogAppendTime");
        }
        return Map.copyOf(cfg);
    }
}
