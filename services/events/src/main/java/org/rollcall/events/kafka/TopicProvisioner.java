package org.rollcall.events.kafka;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.rollcall.events.TopicSpec;

/**
 * Makes the broker's topics match their {@link TopicSpec}: creates the missing ones with their
 * partitions and configs, raises a topic's partitions when it has fewer, and sets configs that
 * differ (a topic auto-created by a broker is not compacted: its face templates would vanish
 * after the default retention). Never lowers partitions or deletes anything. Used by the local
 * broker at start and by {@code deploy/rollcall topics} for an external one.
 */
public final class TopicProvisioner {
    private static final long TIMEOUT_S = 60;

    /** What was done to one topic: created, changed (which settings), or already right. */
    public record Outcome(String topic, String action, List<String> changes) {
    }

    private final Admin admin;

    public TopicProvisioner(Admin admin) {
        this.admin = admin;
    }

    public List<Outcome> apply(Collection<TopicSpec> specs) throws InterruptedException, ExecutionException, TimeoutException {
        int brokers = admin.describeCluster().nodes().get(TIMEOUT_S, TimeUnit.SECONDS).size();
        short replication = (short) Math.min(3, Math.max(1, brokers));
        Set<String> existing = admin.listTopics().names().get(TIMEOUT_S, TimeUnit.SECONDS);
        List<Outcome> outcomes = new ArrayList<>();
        List<NewTopic> missing = new ArrayList<>();
        for (TopicSpec spec : specs) {
            if (!existing.contains(spec.name())) {
                missing.add(new NewTopic(spec.name(), spec.partitions(), replication).configs(spec.configs()));
                outcomes.add(new Outcome(spec.name(), "created", List.of(spec.partitions() + " partitions", spec.configs().toString())));
            }
        }
        if (!missing.isEmpty()) {
            admin.createTopics(missing).all().get(TIMEOUT_S, TimeUnit.SECONDS);
        }
        List<TopicSpec> present = specs.stream().filter(s -> existing.contains(s.name())).toList();
        if (present.isEmpty()) {
            return outcomes;
        }
        Map<String, TopicDescription> described = admin.describeTopics(present.stream().map(TopicSpec::name).toList())
                .allTopicNames().get(TIMEOUT_S, TimeUnit.SECONDS);
        List<ConfigResource> resources = present.stream().map(s -> new ConfigResource(ConfigResource.Type.TOPIC, s.name())).toList();
        Map<ConfigResource, Config> configs = admin.describeConfigs(resources).all().get(TIMEOUT_S, TimeUnit.SECONDS);
        Map<ConfigResource, Collection<AlterConfigOp>> alter = new HashMap<>();
        Map<String, NewPartitions> grow = new HashMap<>();
        for (TopicSpec spec : present) {
            List<String> changes = new ArrayList<>();
            int partitions = described.get(spec.name()).partitions().size();
            if (partitions < spec.partitions()) {
                grow.put(spec.name(), NewPartitions.increaseTo(spec.partitions()));
                changes.add("partitions " + partitions + " -> " + spec.partitions());
            }
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, spec.name());
            Config current = configs.get(resource);
            List<AlterConfigOp> ops = new ArrayList<>();
            spec.configs().forEach((name, value) -> {
                ConfigEntry entry = current.get(name);
                if (entry == null || !value.equals(entry.value())) {
                    ops.add(new AlterConfigOp(new ConfigEntry(name, value), AlterConfigOp.OpType.SET));
                    changes.add(name + " " + (entry == null ? "unset" : entry.value()) + " -> " + value);
                }
            });
            if (!ops.isEmpty()) {
                alter.put(resource, ops);
            }
            outcomes.add(new Outcome(spec.name(), changes.isEmpty() ? "unchanged" : "changed", changes));
        }
        if (!grow.isEmpty()) {
            admin.createPartitions(grow).all().get(TIMEOUT_S, TimeUnit.SECONDS);
        }
        if (!alter.isEmpty()) {
            admin.incrementalAlterConfigs(alter).all().get(TIMEOUT_S, TimeUnit.SECONDS);
        }
        return outcomes;
    }
}
