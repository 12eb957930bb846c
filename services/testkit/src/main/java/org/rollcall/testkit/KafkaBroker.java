package org.rollcall.testkit;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.common.message.AlterUserScramCredentialsRequestData;
import org.apache.kafka.common.message.RequestHeaderData;
import org.apache.kafka.common.security.auth.KafkaPrincipal;
import org.apache.kafka.common.security.auth.SecurityProtocol;
import org.apache.kafka.common.security.scram.internals.ScramFormatter;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.controller.ControllerRequestContext;
import org.apache.kafka.server.common.MetadataVersion;
import org.rollcall.events.TopicSpec;
import org.rollcall.events.kafka.KafkaAccess;

/**
 * A real single-node KRaft Kafka broker (combined broker + controller) inside the test JVM.
 * {@link Security#SCRAM} makes its only client listener SASL_SSL with SCRAM-SHA-512 (a
 * self-signed certificate made for this broker, an authorizer that allows nothing without an
 * ACL) and gives every service of {@link KafkaAccess#SERVICES} its own user with exactly that
 * entry's ACLs, so a service that touches a topic or group it was not granted fails its tests.
 * The tests themselves connect as a separate super user ({@link #clientSettings()}): they stand
 * in for every other part of the system. The system property {@code rollcall.test.kafka}
 * ({@code scram} or {@code plaintext}) chooses for a whole suite.
 */
public final class KafkaBroker implements AutoCloseable {
    /** How clients reach the broker. */
    public enum Security { PLAINTEXT, SCRAM }

    /** The tests' own user on a SCRAM broker (a super user). */
    public static final String TEST_USER = "rollcall-test";
    private static final String ADMIN_USER = "broker-admin";
    private static final String LISTENER = "external";

    private final KafkaClusterTestKit cluster;
    private final Security security;
    private final Map<String, String> passwords;
    private final TlsFiles tls;

    private KafkaBroker(KafkaClusterTestKit cluster, Security security, Map<String, String> passwords, TlsFiles tls) {
        this.cluster = cluster;
        this.security = security;
        this.passwords = passwords;
        this.tls = tls;
    }

    /** The suite's choice: {@code -Drollcall.test.kafka=scram|plaintext} (default scram). */
    public static KafkaBroker start() {
        String choice = System.getProperty("rollcall.test.kafka", "scram");
        return start("plaintext".equalsIgnoreCase(choice) ? Security.PLAINTEXT : Security.SCRAM);
    }

    public static KafkaBroker start(Security security) {
        // random per broker: nothing to keep secret in the repository
        Map<String, String> passwords = new java.util.HashMap<>();
        passwords.put(ADMIN_USER, java.util.UUID.randomUUID().toString());
        passwords.put(TEST_USER, java.util.UUID.randomUUID().toString());
        KafkaAccess.SERVICES.forEach(a -> passwords.put(a.service(), java.util.UUID.randomUUID().toString()));
        try {
            TestKitNodes.Builder nodes = new TestKitNodes.Builder()
                    .setCombined(true)
                    .setNumBrokerNodes(1)
                    .setNumControllerNodes(1)
                    .setBootstrapMetadataVersion(MetadataVersion.latestProduction());
            TlsFiles tls = null;
            if (security == Security.SCRAM) {
                useThisClassLoadersScram();
                // the kit only builds plaintext listeners: SASL here, TLS added by the protocol map below
                nodes.setBrokerSecurityProtocol(SecurityProtocol.SASL_PLAINTEXT);
                tls = TlsFiles.selfSigned();
            }
            KafkaClusterTestKit.Builder builder = new KafkaClusterTestKit.Builder(nodes.build())
                    .setConfigProp("offsets.topic.replication.factor", "1")
                    .setConfigProp("offsets.topic.num.partitions", "4")
                    .setConfigProp("transaction.state.log.replication.factor", "1")
                    .setConfigProp("transaction.state.log.min.isr", "1")
                    .setConfigProp("group.initial.rebalance.delay.ms", "0")
                    .setConfigProp("log.cleaner.dedupe.buffer.size", "16777216")
                    .setConfigProp("auto.create.topics.enable", "false")
                    .setConfigProp("num.partitions", "1");
            if (security == Security.SCRAM) {
                String prefix = "listener.name." + LISTENER + ".";
                // super users: the broker's own user, the tests' user, and the anonymous principal of the
                // node's internal controller listener (plaintext, never given to clients)
                builder.setConfigProp("listener.security.protocol.map", "EXTERNAL:SASL_SSL,CONTROLLER:PLAINTEXT")
                        .setConfigProp("super.users", "User:" + ADMIN_USER + ";User:" + TEST_USER + ";User:ANONYMOUS")
                        .setConfigProp("sasl.enabled.mechanisms", "SCRAM-SHA-512")
                        .setConfigProp("sasl.mechanism.inter.broker.protocol", "SCRAM-SHA-512")
                        .setConfigProp(prefix + "scram-sha-512.sasl.jaas.config", scramLogin(ADMIN_USER, passwords.get(ADMIN_USER)))
                        .setConfigProp(prefix + "ssl.keystore.location", tls.keystore().toString())
                        .setConfigProp(prefix + "ssl.keystore.password", tls.password())
                        .setConfigProp(prefix + "ssl.key.password", tls.password())
                        .setConfigProp(prefix + "ssl.keystore.type", "PKCS12")
                        // the broker checks its own key against a client engine at start (and would use it inter-broker)
                        .setConfigProp(prefix + "ssl.truststore.location", tls.truststore().toString())
                        .setConfigProp(prefix + "ssl.truststore.password", tls.password())
                        .setConfigProp(prefix + "ssl.truststore.type", "PKCS12");
            }
            KafkaClusterTestKit cluster = builder.build();
            cluster.format();
            cluster.startup();
            cluster.waitForReadyBrokers();
            KafkaBroker broker = new KafkaBroker(cluster, security, new java.util.concurrent.ConcurrentHashMap<>(passwords), tls);
            if (security == Security.SCRAM) {
                broker.createUsers();
            }
            return broker;
        } catch (Exception e) {
            throw new IllegalStateException("could not start the in-JVM Kafka broker", e);
        }
    }

    /**
     * Kafka registers its SCRAM SASL providers in the JVM-wide {@link java.security.Security}
     * list once; a test class that Quarkus runs in a new class loader (another test profile)
     * would then get the first loader's SCRAM classes, which do not recognise this loader's
     * callbacks, and every login fails as "invalid credentials". Registering this loader's
     * providers before a SCRAM broker starts (and before its clients) avoids that.
     */
    private static void useThisClassLoadersScram() {
        java.security.Security.removeProvider("SASL/SCRAM Server Provider");
        java.security.Security.removeProvider("SASL/SCRAM Client Provider");
        org.apache.kafka.common.security.scram.internals.ScramSaslServerProvider.initialize();
        org.apache.kafka.common.security.scram.internals.ScramSaslClientProvider.initialize();
    }

    /**
     * SCRAM credentials live in the cluster metadata, and the client listener accepts nobody before
     * they exist, so they are written straight to the active controller (the Admin API cannot send
     * them to a controller); the ACLs then go through the client listener as the tests' super user.
     */
    private void createUsers() throws Exception {
        addUsers(passwords);
        try (Admin admin = admin()) {
            admin.createAcls(KafkaAccess.SERVICES.stream().flatMap(a -> KafkaAcls.of(a).stream()).toList()).all().get(30, TimeUnit.SECONDS);
        }
    }

    /**
     * What an organization's integrator connects with: a new user that may read only that
     * organization's attendance topic ({@link KafkaAccess#integrator}). Needs a SCRAM broker.
     */
    public Map<String, Object> integratorSettings(String orgId) {
        return userSettings(KafkaAccess.integrator(orgId));
    }

    /** A user of its own with exactly {@code access} (created once per name). Needs a SCRAM broker. */
    public Map<String, Object> userSettings(KafkaAccess access) {
        if (security != Security.SCRAM) {
            throw new IllegalStateException("users with their own ACLs need the SCRAM broker (-Drollcall.test.kafka=scram)");
        }
        try {
            if (!passwords.containsKey(access.service())) {
                String password = java.util.UUID.randomUUID().toString();
                addUsers(Map.of(access.service(), password));
                passwords.put(access.service(), password);
                try (Admin admin = admin()) {
                    admin.createAcls(KafkaAcls.of(access)).all().get(30, TimeUnit.SECONDS);
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException("could not create the Kafka user " + access.service(), e);
        }
        return settingsOf(access.service());
    }

    /** Lets {@code user} also read {@code topic} (an ACL added while its clients run). */
    public void grantRead(String user, String topic) {
        try (Admin admin = admin()) {
            admin.createAcls(KafkaAcls.of(new KafkaAccess(user, List.of(topic), List.of(), List.of(), List.of())))
                    .all().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("could not grant " + user + " read on " + topic, e);
        }
    }

    /** Writes the users' SCRAM credentials and waits until each can log in (the broker learns them from the metadata log). */
    private void addUsers(Map<String, String> users) throws Exception {
        upsert(users);
        if (!allCanLogIn(users, Duration.ofSeconds(30))) {
            throw new IllegalStateException("Kafka users " + users.keySet() + " cannot log in 30 s after their credentials were written");
        }
    }

    private boolean allCanLogIn(Map<String, String> users, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (Map.Entry<String, String> user : users.entrySet()) {
            while (!canLogIn(user.getKey(), user.getValue())) {
                if (System.nanoTime() > deadline) {
                    return false;
                }
            }
        }
        return true;
    }

    private void upsert(Map<String, String> users) throws Exception {
        ScramFormatter formatter = new ScramFormatter(org.apache.kafka.common.security.scram.internals.ScramMechanism.SCRAM_SHA_512);
        AlterUserScramCredentialsRequestData request = new AlterUserScramCredentialsRequestData();
        for (Map.Entry<String, String> user : users.entrySet()) {
            byte[] salt = formatter.secureRandomBytes();
            request.upsertions().add(new AlterUserScramCredentialsRequestData.ScramCredentialUpsertion()
                    .setName(user.getKey())
                    .setMechanism(ScramMechanism.SCRAM_SHA_512.type())
                    .setIterations(4096)
                    .setSalt(salt)
                    .setSaltedPassword(formatter.saltedPassword(user.getValue(), salt, 4096)));
        }
        ControllerRequestContext context = new ControllerRequestContext(new RequestHeaderData(), KafkaPrincipal.ANONYMOUS, OptionalLong.empty());
        var response = cluster.waitForActiveController().alterUserScramCredentials(context, request).get(30, TimeUnit.SECONDS);
        for (var result : response.results()) {
            if (result.errorCode() != 0) {
                throw new IllegalStateException("could not create Kafka user " + result.user() + ": " + result.errorMessage());
            }
        }
    }

    private boolean canLogIn(String user, String password) {
        Map<String, Object> settings = settingsOf(TEST_USER);
        settings.put("sasl.jaas.config", scramLogin(user, password));
        try (Admin admin = Admin.create(settings)) {
            admin.describeCluster().clusterId().get(5, TimeUnit.SECONDS);
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    public String bootstrapServers() {
        return cluster.bootstrapServers();
    }

    /**
     * Restarts the broker (its controller stays up): clients lose the connection and must
     * reconnect; data and address are kept. For tests of what a broker restart does to a service.
     */
    public void restartBroker() {
        try {
            for (var broker : cluster.brokers().values()) {
                broker.shutdown();
                broker.awaitShutdown();
            }
            for (var broker : cluster.brokers().values()) {
                broker.startup();
            }
            cluster.waitForReadyBrokers();
        } catch (Exception e) {
            throw new IllegalStateException("could not restart the broker", e);
        }
    }

    /** What the tests connect with: bootstrap and, on a SCRAM broker, the tests' super user over TLS. */
    public Map<String, Object> clientSettings() {
        return settingsOf(TEST_USER);
    }

    /** What a service of {@link KafkaAccess#SERVICES} connects with: its own user, its own ACLs. */
    public Map<String, Object> serviceSettings(String service) {
        if (KafkaAccess.of(service).isEmpty()) {
            throw new IllegalArgumentException("no Kafka access is defined for service " + service);
        }
        return settingsOf(service);
    }

    private Map<String, Object> settingsOf(String user) {
        Map<String, Object> s = new java.util.HashMap<>();
        s.put("bootstrap.servers", bootstrapServers());
        if (security == Security.SCRAM) {
            s.put("security.protocol", "SASL_SSL");
            s.put("sasl.mechanism", "SCRAM-SHA-512");
            s.put("sasl.jaas.config", scramLogin(user, passwords.get(user)));
            s.put("ssl.truststore.location", tls.truststore().toString());
            s.put("ssl.truststore.password", tls.password());
            s.put("ssl.truststore.type", "PKCS12");
        }
        return s;
    }

    /** The {@code sasl.jaas.config} value of a SCRAM login. */
    public static String scramLogin(String user, String password) {
        return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + user + "\" password=\"" + password + "\";";
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
            if (tls != null) {
                tls.delete();
            }
        } catch (Exception e) {
            throw new IllegalStateException("could not stop the in-JVM Kafka broker", e);
        }
    }
}
