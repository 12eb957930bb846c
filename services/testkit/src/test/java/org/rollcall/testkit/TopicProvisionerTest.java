package org.rollcall.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;
import org.rollcall.events.TopicSpec;
import org.rollcall.events.kafka.TopicProvisioner;

/** On a real broker: a topic made wrong (as broker auto-creation would) is corrected to its spec, a missing one created. */
class TopicProvisionerTest {

    @Test
    void aTopicAutoCreatedWithoutCompactionIsCorrectedAndAMissingOneCreated() throws Exception {
        TopicSpec templates = new TopicSpec("test.templates", 6, true, null);
        TopicSpec events = new TopicSpec("test.events", 3, false, Duration.ofDays(7));
        try (KafkaBroker broker = KafkaBroker.start(); Admin admin = broker.admin()) {
            // what auto-create gives: one partition, delete policy, default retention
            admin.createTopics(List.of(new NewTopic(templates.name(), 1, (short) 1))).all().get();

            List<TopicProvisioner.Outcome> first = new TopicProvisioner(admin).apply(List.of(templates, events));
            assertEquals("changed", first.stream().filter(o -> o.topic().equals(templates.name())).findFirst().orElseThrow().action());
            assertEquals("created", first.stream().filter(o -> o.topic().equals(events.name())).findFirst().orElseThrow().action());
            for (TopicSpec spec : List.of(templates, events)) {
                assertEquals(spec.partitions(), admin.describeTopics(List.of(spec.name())).allTopicNames().get()
                        .get(spec.name()).partitions().size(), spec.name() + " partitions");
                ConfigResource r = new ConfigResource(ConfigResource.Type.TOPIC, spec.name());
                Config config = admin.describeConfigs(List.of(r)).all().get().get(r);
                for (Map.Entry<String, String> e : spec.configs().entrySet()) {
                    assertEquals(e.getValue(), config.get(e.getKey()).value(), spec.name() + " " + e.getKey());
                }
            }
            // a second run finds nothing to do
            assertEquals(List.of("unchanged", "unchanged"),
                    new TopicProvisioner(admin).apply(List.of(templates, events)).stream().map(TopicProvisioner.Outcome::action).toList());
        }
    }
}
