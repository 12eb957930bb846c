package org.rollcall.attendance.outbox;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.rollcall.events.TopicSpec;
import org.rollcall.events.Topics;

/**
 * Makes sure an organization's own attendance topic exists before its first event is sent there
 * (brokers do not create topics on demand: a typo would otherwise become a topic). Attendance's
 * Kafka user may create topics under {@link Topics#ORGANIZATION_PREFIX} and nowhere else.
 */
final class OrganizationTopics implements AutoCloseable {
    private final Admin admin;
    private final Set<String> known = ConcurrentHashMap.newKeySet();

    OrganizationTopics(Admin admin) {
        this.admin = admin;
    }

    /** The organization's topic name, created first if this replica has not seen it yet. */
    String ensure(String orgId) throws InterruptedException, ExecutionException, TimeoutException {
        TopicSpec spec = TopicSpec.organizationAttendance(orgId);
        if (!known.contains(spec.name())) {
            try {
                // replication from the broker's default (3 on Kubernetes, 1 locally)
                admin.createTopics(List.of(new NewTopic(spec.name(), Optional.of(spec.partitions()), Optional.empty()).configs(spec.configs())))
                        .all().get(30, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
            known.add(spec.name());
        }
        return spec.name();
    }

    @Override
    public void close() {
        admin.close();
    }
}
