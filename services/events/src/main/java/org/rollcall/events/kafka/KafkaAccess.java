package org.rollcall.events.kafka;

import java.util.List;
import java.util.Optional;
import org.rollcall.events.Topics;

/**
 * What each service may do on Kafka: the topics it reads and writes and the consumer groups it
 * commits under. The one source of truth for least privilege: the test brokers grant each
 * service's user exactly this (so a service that touches anything else fails its tests), and the
 * Kubernetes {@code KafkaUser} manifests must say the same (the manifest test compares them).
 * Fixed topics are created by devstack, the test kit and the topic operator from
 * {@link org.rollcall.events.TopicSpec}; a service creates only the topics under its own prefixes
 * (attendance: one per organization, for that organization's integrators).
 *
 * @param service the service's user name (its Kubernetes name, {@code quarkus.application.name} without {@code rollcall-})
 * @param groups consumer groups it joins and commits under; assign-only readers need none
 * @param ownedPrefixes topic-name prefixes under which it creates and writes topics
 */
public record KafkaAccess(String service, List<String> reads, List<String> writes, List<String> groups, List<String> ownedPrefixes) {

    public KafkaAccess {
        reads = List.copyOf(reads);
        writes = List.copyOf(writes);
        groups = List.copyOf(groups);
        ownedPrefixes = List.copyOf(ownedPrefixes);
    }

    public static final List<KafkaAccess> SERVICES = List.of(
            new KafkaAccess("frame-ingest",
                    List.of(Topics.CAMERAS, Topics.REVOCATIONS),
                    List.of(Topics.FRAMES, Topics.CAMERA_STATUS),
                    List.of(), List.of()),
            new KafkaAccess("recognition",
                    List.of(Topics.FRAMES, Topics.FACE_TEMPLATES, Topics.CAMERAS, Topics.ERASURES, Topics.REVOCATIONS),
                    List.of(Topics.IDENTITY_EVENTS, Topics.LIVE_FACES, Topics.FACE_TEMPLATES, Topics.ERASURE_CONFIRMATIONS, Topics.RECENT_FACES),
                    List.of("recognition", "recognition-erasures"), List.of()),
            new KafkaAccess("attendance",
                    List.of(Topics.IDENTITY_EVENTS, Topics.FACE_TEMPLATES, Topics.CAMERAS, Topics.ERASURES, Topics.REVOCATIONS),
                    List.of(Topics.ATTENDANCE, Topics.ERASURE_CONFIRMATIONS, Topics.IDENTITY_EVENTS_DEAD_LETTERS),
                    List.of("attendance", "attendance-roster", "attendance-erasures"), List.of(Topics.ORGANIZATION_PREFIX)),
            new KafkaAccess("identity",
                    List.of(Topics.LIVE_FACES, Topics.ATTENDANCE, Topics.CAMERA_STATUS, Topics.ERASURE_CONFIRMATIONS, Topics.RECENT_FACES, Topics.REVOCATIONS),
                    List.of(Topics.CAMERAS, Topics.ERASURES, Topics.RECENT_FACES, Topics.REVOCATIONS),
                    List.of("identity-erasures"), List.of()));

    /**
     * An organization's integrator: reads that organization's attendance topic and commits under
     * its own group, nothing else (the Kubernetes component {@code k8s/components/integrator}).
     */
    public static KafkaAccess integrator(String orgId) {
        String user = "integrator-" + orgId;
        return new KafkaAccess(user, List.of(Topics.organizationAttendance(orgId)), List.of(), List.of(user), List.of());
    }

    public static Optional<KafkaAccess> of(String service) {
        return SERVICES.stream().filter(a -> a.service.equals(service)).findFirst();
    }
}
