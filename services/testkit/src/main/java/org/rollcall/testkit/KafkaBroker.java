package org.rollcall.testkit;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.security.auth.SecurityProtocol;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.server.common.MetadataVersion;
import org.rollcall.events.TopicSpec;

/**
 * A real single-node KRaft Kafka broker (combined broker + controller) inside the test JVM.
 * {@link Security#SASL} puts its client listener behind SASL authentication (PLAIN, users from
 * the broker's own JAAS settings): what the services and the tests reach it with then comes only
 * from {@link #clientSettings()} / {@code kafka.*} configuration, and a client without
 * credentials is refused. The system property {@code rollcall.test.kafka=sasl} runs a whole suite
 * that way (default plaintext).
 */
public final class KafkaBroker implements AutoCloseable {
    /** How clients reach the broker. */
    public enum Security { PLAINTEXT, SASL }

    /** The user the services and the tests connect as on a SASL broker (the broker's own user is separate). */
    public static final String SERVICE_USER = "rollcall-service";
    private static final String ADMIN_USER = "broker-admin";

    private final KafkaClusterTestKit cluster;
    private final Security security;
    private final String servicePassword;

    private KafkaBroker(KafkaClusterTestKit cluster, Security security, String servicePassword) {
        this.cluster = cluster;
        this.security = security;
        this.servicePassword = servicePassword;
    }

    /** The suite's choice: {@code -Drollcall.test.kafka=sasl}, else plaintext. */
    public static KafkaBroker start() {
        return start("sasl".equalsIgnoreCase(System.getProperty("rollcall.test.kafka", "plaintext")) ? Security.SASL : Security.PLAINTEXT);
    }

    public static KafkaBroker start(Security security) {
        // random per broker: nothing to keep secret in the repository
        String adminPassword = java.util.UUID.randomUUID().toString();
        String servicePassword = java.util.UUID.randomUUID().toString();
        try {
            TestKitNodes.Builder nodes = new TestKitNodes.Builder()
                    .setCombined(true)
                    .setNumBrokerNodes(1)
                    .setNumControllerNodes(1)
                    .setBootstrapMetadataVersion(MetadataVersion.latestProduction());
            if (security == Security.SASL) {
                nodes.setBrokerSecurityProtocol(SecurityProtocol.SASL_PLAINTEXT);
            }
            KafkaClusterTestKit.Builder builder = new KafkaClusterTestKit.Builder(nodes.build())
                    .setConfigProp("offsets.topic.replication.factor", "1")
                    .setConfigProp("offsets.topic.num.partitions", "4")
                    .setConfigProp("transaction.state.log.replication.factor", "1")
                    .setConfigProp("transaction.state.log.min.isr", "1")
                    .setConfigProp("group.initial.rebalance.delay.ms", "0")
                    .setConfigProp("log.cleaner.dedupe.buffer.size", "16777216")
                    .setConfigProp("auto.create.topics.enable", "true")
                    .setConfigProp("num.partitions", "1");
            if (security == Security.SASL) {
                String listener = "external";
                // super users: the broker's own user, and the anonymous principal of the node's internal
                // controller listener (plaintext, not what clients are given); the service user gets ACLs below
                builder.setConfigProp("super.users", "User:" + ADMIN_USER + ";User:ANONYMOUS")
                        .setConfigProp("sasl.enabled.mechanisms", "PLAIN")
                        .setConfigProp("sasl.mechanism.inter.broker.protocol", "PLAIN")
                        // the broker logs in as its own user and knows both users' passwords
                        .setConfigProp("listener.name." + listener + ".plain.sasl.jaas.config",
                                plainLogin(ADMIN_USER, adminPassword, " user_" + ADMIN_USER + "=\"" + adminPassword
                                        + "\" user_" + SERVICE_USER + "=\"" + servicePassword + "\""));
            }
            KafkaClusterTestKit cluster = builder.build();
            cluster.format();
            cluster.startup();
            cluster.waitForReadyBrokers();
            KafkaBroker broker = new KafkaBroker(cluster, security, servicePassword);
            if (security == Security.SASL) {
                broker.grantServiceUser(adminPassword);
            }
            return broker;
        } catch (Exception e) {
            throw new IllegalStateException("could not start the in-JVM Kafka broker", e);
        }
    }

    /**
     * The services' user may use every topic and group and describe the cluster: a stand-in for
     * the per-service least-privilege ACLs of the Kubernetes deployment. Anyone else is refused
     * (the broker's authorizer allows nothing without an ACL).
     */
    private void grantServiceUser(String adminPassword) throws Exception {
        Map<String, Object> asBroker = new java.util.HashMap<>(clientSettings());
        asBroker.put("sasl.jaas.config", plainLogin(ADMIN_USER, adminPassword));
        String principal = "User:" + SERVICE_USER;
        try (Admin admin = Admin.create(asBroker)) {
            admin.createAcls(List.of(
                    acl(ResourceType.TOPIC, "*", principal, AclOperation.ALL),
                    acl(ResourceType.GROUP, "*", principal, AclOperation.ALL),
                    acl(ResourceType.TRANSACTIONAL_ID, "*", principal, AclOperation.ALL),
                    acl(ResourceType.CLUSTER, "kafka-cluster", principal, AclOperation.DESCRIBE),
                    acl(ResourceType.CLUSTER, "kafka-cluster", principal, AclOperation.CREATE),
                    acl(ResourceType.CLUSTER, "kafka-cluster", principal, AclOperation.IDEMPOTENT_WRITE))).all().get(30, TimeUnit.SECONDS);
        }
    }

    private static AclBinding acl(ResourceType type, String name, String principal, AclOperation op) {
        return new AclBinding(new ResourcePattern(type, name, PatternType.LITERAL),
                new AccessControlEntry(principal, "*", op, AclPermissionType.ALLOW));
    }

    public String bootstrapServers() {
        return cluster.bootstrapServers();
    }

    public Security security() {
        return security;
    }

    /** What a client needs to connect (bootstrap and, on a SASL broker, the service user's credentials). */
    public Map<String, Object> clientSettings() {
        Map<String, Object> s = new java.util.HashMap<>();
        s.put("bootstrap.servers", bootstrapServers());
        if (security == Security.SASL) {
            s.put("security.protocol", "SASL_PLAINTEXT");
            s.put("sasl.mechanism", "PLAIN");
            s.put("sasl.jaas.config", plainLogin(SERVICE_USER, servicePassword));
        }
        return s;
    }

    /** The {@code sasl.jaas.config} value of a SASL PLAIN login. */
    public static String plainLogin(String user, String password) {
        return plainLogin(user, password, "");
    }

    private static String plainLogin(String user, String password, String moreOptions) {
        return "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"" + user + "\" password=\"" + password
                + "\"" + moreOptions + ";";
    }

    /** {@link #clientSettings()} with a client's own settings on top. */
    public Map<String, Object> clientSettings(Map<String, ?> own) {
        Map<String, Object> s = clientSettings();
        s.putAll(own);
        return s;
    }

    /** Creates the topics of design.md exactly as devstack does. */
    public void createRollcallTopics() {
        createTopics(TopicSpec.ALL);
    }

    public void createTopics(List<TopicSpec> specs) {
        try (Admin admin = admin()) {
            admin.createTopics(specs.stream()
                    .map(s -> new NewTopic(s.name(), s.partitions(), (short) 1).configs(s.configs()))
                    .toList()).all().get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("could not create topics", e);
        }
    }

    public Admin admin() {
        return Admin.create(clientSettings());
    }

    @Override
    public void close() {
        try {
            cluster.close();
        } catch (Exception e) {
            throw new IllegalStateException("could not stop the in-JVM Kafka broker", e);
        }
    }
}
