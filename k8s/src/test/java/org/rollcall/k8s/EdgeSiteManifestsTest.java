package org.rollcall.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rollcall.k8s.K8sManifestsTest.of;
import static org.rollcall.k8s.K8sManifestsTest.acls;
import static org.rollcall.k8s.K8sManifestsTest.expectedAcls;
import static org.rollcall.k8s.K8sManifestsTest.render;
import static org.rollcall.k8s.K8sManifestsTest.stream;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.rollcall.events.SiteReplication;
import org.rollcall.events.TopicSpec;
import org.rollcall.events.kafka.KafkaAccess;

/**
 * The edge-site overlay and the central side of its link: what runs at a site (ingest and
 * recognition on a one-node broker, nothing central), the two mirrors carrying exactly
 * {@link SiteReplication}'s topics with the settings that survive a cut WAN, and least-privilege
 * users on both ends.
 */
class EdgeSiteManifestsTest {

    @Test
    void aSiteRunsIngestAndRecognitionOnItsOwnOneNodeBrokerAndNothingCentral() throws Exception {
        List<JsonNode> docs = render("overlays/edge-site");
        Set<String> workloads = names(docs, "Deployment", "StatefulSet");
        assertEquals(Set.of("recognition", "frame-ingest"), workloads);
        for (String kind : List.of("Cluster", "Ingress", "ScaledObject")) {
            assertTrue(of(docs, kind).isEmpty(), "no " + kind + " at a site");
        }
        assertEquals(1, of(docs, "KafkaNodePool").get(0).path("spec").path("replicas").asInt());
        JsonNode kafka = of(docs, "Kafka").get(0).path("spec").path("kafka");
        assertEquals(1, kafka.path("listeners").size(), "the services' TLS listener only: nothing connects in from outside");
        JsonNode listener = kafka.path("listeners").path(0);
        assertTrue(listener.path("tls").asBoolean() && listener.path("type").asText().equals("internal"));
        assertEquals(1, kafka.path("config").path("default.replication.factor").asInt());
        assertEquals(TopicSpec.ALL.stream().map(TopicSpec::name).collect(Collectors.toSet()),
                of(docs, "KafkaTopic").stream().map(t -> t.path("spec").path("topicName").asText(t.path("metadata").path("name").asText()))
                        .collect(Collectors.toSet()));
        of(docs, "KafkaTopic").forEach(t -> assertEquals(1, t.path("spec").path("replicas").asInt()));
        // the mirror's pods may reach the broker
        JsonNode policy = of(docs, "NetworkPolicy").stream().filter(n -> n.path("metadata").path("name").asText().equals("kafka-from-services"))
                .findFirst().orElseThrow();
        assertTrue(policy.toString().contains("KafkaMirrorMaker2"));
        JsonNode config = of(docs, "ConfigMap").get(0).path("data");
        assertFalse(config.path("ROLLCALL_INGEST_SITES").asText().isBlank(), "the site's ingest opens its site's cameras only");
        Map<String, JsonNode> users = users(docs);
        assertEquals(Set.of("recognition", "frame-ingest", "mirror"), users.keySet());
        for (String service : List.of("recognition", "frame-ingest")) {
            assertEquals(expectedAcls(KafkaAccess.of(service).orElseThrow()), acls(users.get(service)), service + " = KafkaAccess");
        }
        Set<String> mirror = new TreeSet<>();
        SiteReplication.UP.forEach(t -> List.of("Read", "Describe").forEach(op -> mirror.add("topic " + t + " literal " + op)));
        SiteReplication.DOWN.forEach(t -> List.of("Write", "Describe").forEach(op -> mirror.add("topic " + t + " literal " + op)));
        List.of("Read", "Write", "Create", "Describe", "DescribeConfigs").forEach(op -> mirror.add("topic mirror-from-central- prefix " + op));
        mirror.add("group mirror-from-central literal Read");
        assertEquals(mirror, acls(users.get("mirror")), "the mirror reads what goes up and writes what comes down, nothing else");
    }

    @Test
    void theMirrorsCarryExactlyTheSiteTopicsWithSettingsThatSurviveACutWan() throws Exception {
        List<JsonNode> docs = render("overlays/edge-site");
        Map<String, JsonNode> mirrors = of(docs, "KafkaMirrorMaker2").stream()
                .collect(Collectors.toMap(m -> m.path("metadata").path("name").asText(), m -> m));
        assertEquals(Set.of("to-central", "from-central"), mirrors.keySet());
        check(mirrors.get("to-central"), "site", "central", SiteReplication.UP);
        check(mirrors.get("from-central"), "central", "site", SiteReplication.DOWN);
        String readme = Files.readString(K8sManifestsTest.K8S.resolve("README.md"));
        for (JsonNode m : mirrors.values()) {
            for (JsonNode c : m.path("spec").path("clusters")) {
                String secret = c.path("authentication").path("passwordSecret").path("secretName").asText();
                assertTrue(secret.equals("mirror") || readme.contains(secret), "k8s/README.md says how " + secret + " is made");
                for (JsonNode cert : c.path("tls").path("trustedCertificates")) {
                    String ca = cert.path("secretName").asText();
                    assertTrue(ca.equals(K8sManifestsTest.KAFKA_CA) || readme.contains(ca), "k8s/README.md says how " + ca + " is made");
                }
            }
        }
    }

    @Test
    void theCentralSideGivesTheSiteOnlyItsTopicsAndItsOwnConnectState() throws Exception {
        List<JsonNode> docs = render(K8sManifestsTest.withComponents("with-edge-site-link", "edge-site-link"));
        JsonNode user = users(docs).get("site-north");
        assertTrue(user != null, "the site's KafkaUser on the central cluster");
        Set<String> expected = new TreeSet<>();
        SiteReplication.UP.forEach(t -> List.of("Write", "Describe").forEach(op -> expected.add("topic " + t + " literal " + op)));
        SiteReplication.DOWN.forEach(t -> List.of("Read", "Describe").forEach(op -> expected.add("topic " + t + " literal " + op)));
        List.of("Read", "Write", "Create", "Describe", "DescribeConfigs").forEach(op -> expected.add("topic mirror-north- prefix " + op));
        expected.add("group mirror-north literal Read");
        assertEquals(expected, acls(user));
        JsonNode kafka = of(docs, "Kafka").get(0).path("spec").path("kafka");
        assertTrue(stream(kafka.path("listeners")).anyMatch(l -> l.path("type").asText().equals("loadbalancer") && l.path("tls").asBoolean()
                && l.path("authentication").path("type").asText().equals("scram-sha-512")), "the listener the sites reach: TLS + SCRAM");
        // the edge overlay's to-central mirror logs in as this user and keeps its state under its prefix
        JsonNode toCentral = of(render("overlays/edge-site"), "KafkaMirrorMaker2").stream()
                .filter(m -> m.path("metadata").path("name").asText().equals("to-central")).findFirst().orElseThrow();
        JsonNode central = cluster(toCentral, "central");
        assertEquals("site-north", central.path("authentication").path("username").asText());
        for (String key : List.of("config.storage.topic", "offset.storage.topic", "status.storage.topic")) {
            assertTrue(central.path("config").path(key).asText().startsWith("mirror-north-"), key);
        }
        assertEquals("mirror-north", central.path("config").path("group.id").asText());
    }

    private static void check(JsonNode mirror, String source, String target, List<String> topics) {
        JsonNode spec = mirror.path("spec");
        assertEquals(target, spec.path("connectCluster").asText(), "a source connector writes to its Connect cluster: the target");
        JsonNode m = spec.path("mirrors").path(0);
        assertEquals(1, spec.path("mirrors").size());
        assertEquals(source, m.path("sourceCluster").asText());
        assertEquals(target, m.path("targetCluster").asText());
        assertEquals(SiteReplication.topicsSetting(topics), m.path("topicsPattern").asText());
        JsonNode connector = m.path("sourceConnector").path("config");
        assertEquals("org.apache.kafka.connect.mirror.IdentityReplicationPolicy", connector.path("replication.policy.class").asText());
        for (String off : List.of("sync.topic.configs.enabled", "sync.topic.acls.enabled", "emit.offset-syncs.enabled")) {
            assertEquals("false", connector.path(off).asText(), off);
        }
        assertTrue(m.path("checkpointConnector").isMissingNode() && m.path("heartbeatConnector").isMissingNode(), "only records cross");
        JsonNode worker = cluster(mirror, target).path("config");
        assertEquals(String.valueOf(Integer.MAX_VALUE), worker.path("producer.delivery.timeout.ms").asText(), "never give a record up");
        assertEquals("0", worker.path("scheduled.rebalance.max.delay.ms").asText(), "the task back at once after a cut");
        assertEquals("true", worker.path("producer.enable.idempotence").asText());
        assertEquals("all", worker.path("producer.acks").asText());
    }

    private static JsonNode cluster(JsonNode mirror, String alias) {
        return stream(mirror.path("spec").path("clusters")).filter(c -> c.path("alias").asText().equals(alias)).findFirst().orElseThrow();
    }

    private static Map<String, JsonNode> users(List<JsonNode> docs) {
        return of(docs, "KafkaUser").stream().collect(Collectors.toMap(u -> u.path("metadata").path("name").asText(), u -> u));
    }

    private static Set<String> names(List<JsonNode> docs, String... kinds) {
        Set<String> out = new TreeSet<>();
        for (String kind : kinds) {
            of(docs, kind).forEach(d -> out.add(d.path("metadata").path("name").asText()));
        }
        return out;
    }
}
