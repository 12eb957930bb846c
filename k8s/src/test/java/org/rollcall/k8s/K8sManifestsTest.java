package org.rollcall.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.rollcall.events.TopicSpec;
import org.rollcall.events.kafka.KafkaAccess;

/**
 * Renders every overlay (and both optional components) with kubectl's kustomize and checks what
 * a cluster would get: known kinds, probes, limits and security context on every workload,
 * references that resolve, ports that match the services' own configuration, topics equal to
 * TopicSpec, and autoscaling bounded by the frame partitions.
 */
class K8sManifestsTest {
    static final Path K8S = Path.of("").toAbsolutePath();
    static final Path ROOT = K8S.getParent();
    /** Created outside the manifests on purpose (k8s/README.md says how): never committed values. */
    static final Set<String> EXTERNAL_SECRETS = Set.of("rollcall-jwt", "rollcall-csrf", "rollcall-tls", "rollcall-db-app",
            "rollcall-db-identity", "rollcall-db-attendance",
            "rollcall-camera-key", "rollcall-backup-s3");
    /** Created by Strimzi: one per KafkaUser (named after it) and the cluster CA's certificate. */
    static final String KAFKA_CA = "rollcall-kafka-cluster-ca-cert";
    static final Map<String, String> SERVICE_MODULES = Map.of("identity", "identity", "recognition", "recognition",
            "attendance", "attendance", "frame-ingest", "frame-ingest");
    static final Set<String> KNOWN = Set.of(
            "v1/ServiceAccount", "v1/ConfigMap", "v1/Service", "apps/v1/Deployment", "apps/v1/StatefulSet",
            "policy/v1/PodDisruptionBudget", "networking.k8s.io/v1/Ingress", "networking.k8s.io/v1/NetworkPolicy",
            "autoscaling/v2/HorizontalPodAutoscaler", "keda.sh/v1alpha1/ScaledObject",
            "kafka.strimzi.io/v1beta2/Kafka", "kafka.strimzi.io/v1beta2/KafkaNodePool", "kafka.strimzi.io/v1beta2/KafkaTopic",
            "kafka.strimzi.io/v1beta2/KafkaUser", "keda.sh/v1alpha1/TriggerAuthentication",
            "postgresql.cnpg.io/v1/Cluster", "kafka.strimzi.io/v1beta2/KafkaMirrorMaker2",
            "monitoring.coreos.com/v1/PodMonitor", "monitoring.coreos.com/v1/PrometheusRule",
            "postgresql.cnpg.io/v1/ScheduledBackup");

    static Stream<String> overlays() throws IOException {
        // the optional components, applied together on the base, must render too
        return Stream.of("overlays/dev", "overlays/multi-site", withComponents("with-components", "hpa", "gpu"));
    }

    /** An edge site (EdgeSiteManifestsTest checks what is particular to it). */
    static Stream<String> edgeSite() {
        return Stream.of("overlays/edge-site");
    }

    /** A kustomization under target/ of the base with the named components; returns its directory for {@link #render}. */
    static String withComponents(String name, String... components) throws IOException {
        Path check = K8S.resolve("target/" + name);
        Files.createDirectories(check);
        Files.writeString(check.resolve("kustomization.yaml"), "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n"
                + "resources: [../../base]\ncomponents: [" + String.join(", ", Stream.of(components).map(c -> "../../components/" + c).toList())
                + "]\n");
        return "target/" + name;
    }

    static List<JsonNode> render(String dir) throws Exception {
        Process p = new ProcessBuilder("kubectl", "kustomize", K8S.resolve(dir).toString()).redirectErrorStream(false).start();
        String yaml;
        try (InputStream in = p.getInputStream()) {
            yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, "kubectl kustomize " + dir + " failed: " + err);
        ObjectMapper mapper = new ObjectMapper(new YAMLFactory());
        List<JsonNode> docs = new ArrayList<>();
        try (var it = mapper.readerFor(JsonNode.class).readValues(yaml)) {
            while (it.hasNext()) {
                JsonNode n = (JsonNode) it.next();
                if (n != null && !n.isNull() && n.size() > 0) {
                    docs.add(n);
                }
            }
        }
        assertFalse(docs.isEmpty());
        return docs;
    }

    static String id(JsonNode o) {
        return o.path("apiVersion").asText() + "/" + o.path("kind").asText();
    }

    static List<JsonNode> of(List<JsonNode> docs, String kind) {
        return docs.stream().filter(d -> d.path("kind").asText().equals(kind)).toList();
    }

    @org.junit.jupiter.api.Test
    void theGpuComponentRunsTheGpuImageOnAGpuWithTheCudaSetting() throws Exception {
        overlays();
        List<JsonNode> docs = render("target/with-components");
        JsonNode recognition = of(docs, "Deployment").stream()
                .filter(d -> d.path("metadata").path("name").asText().equals("recognition")).findFirst().orElseThrow();
        JsonNode pod = recognition.path("spec").path("template").path("spec");
        JsonNode c = pod.path("containers").path(0);
        assertTrue(c.path("image").asText().endsWith("recognition:0.1.0-gpu"), c.path("image").asText());
        assertEquals(1, c.path("resources").path("limits").path("nvidia.com/gpu").asInt());
        assertTrue(stream(c.path("env")).anyMatch(e -> e.path("name").asText().equals("ROLLCALL_RECOGNITION_DEVICE")
                && e.path("value").asText().equals("cuda")), "device setting");
        assertTrue(stream(c.path("env")).anyMatch(e -> e.path("name").asText().equals("ROLLCALL_RECOGNITION_EMBED_BATCH_SIZE")
                && e.path("value").asText().equals("16")), "embedding batches on the GPU");
        assertEquals("gpu", pod.path("nodeSelector").path("rollcall.io/pool").asText());
        // the overlays without the component keep the CPU image and setting
        JsonNode dev = of(render("overlays/dev"), "Deployment").stream()
                .filter(d -> d.path("metadata").path("name").asText().equals("recognition")).findFirst().orElseThrow();
        JsonNode devContainer = dev.path("spec").path("template").path("spec").path("containers").path(0);
        assertFalse(devContainer.path("image").asText().endsWith("-gpu"));
        assertTrue(stream(devContainer.path("env")).noneMatch(e -> e.path("name").asText().startsWith("ROLLCALL_RECOGNITION_DEVICE")
                || e.path("name").asText().startsWith("ROLLCALL_RECOGNITION_EMBED_BATCH")));
    }

    @ParameterizedTest
    @MethodSource({"overlays", "edgeSite"})
    void everyObjectIsOfAKnownKind(String overlay) throws Exception {
        for (JsonNode o : render(overlay)) {
            assertTrue(KNOWN.contains(id(o)), "unknown kind " + id(o) + " " + o.path("metadata").path("name"));
        }
    }

    @ParameterizedTest
    @MethodSource({"overlays", "edgeSite"})
    void workloadsHaveProbesLimitsAndALockedDownSecurityContext(String overlay) throws Exception {
        List<JsonNode> docs = render(overlay);
        List<JsonNode> workloads = new ArrayList<>(of(docs, "Deployment"));
        workloads.addAll(of(docs, "StatefulSet"));
        // the four services; an edge site runs two of them (EdgeSiteManifestsTest names them)
        assertEquals(overlay.endsWith("edge-site") ? 2 : 4, workloads.size());
        for (JsonNode w : workloads) {
            String name = w.path("metadata").path("name").asText();
            JsonNode pod = w.path("spec").path("template").path("spec");
            assertTrue(pod.path("securityContext").path("runAsNonRoot").asBoolean(), name + " pod runAsNonRoot");
            assertFalse(pod.path("automountServiceAccountToken").asBoolean(true), name + " mounts a token");
            for (JsonNode c : pod.path("containers")) {
                for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
                    assertTrue(c.path(probe).path("httpGet").path("path").asText().startsWith("/q/health/"), name + " " + probe);
                }
                assertFalse(c.path("resources").path("limits").path("memory").isMissingNode(), name + " memory limit");
                assertFalse(c.path("resources").path("requests").path("cpu").isMissingNode(), name + " cpu request");
                JsonNode sc = c.path("securityContext");
                assertTrue(sc.path("readOnlyRootFilesystem").asBoolean(), name + " read-only root");
                assertFalse(sc.path("allowPrivilegeEscalation").asBoolean(true), name + " privilege escalation");
                assertEquals("ALL", sc.path("capabilities").path("drop").path(0).asText(), name + " capabilities");
                assertTrue(stream(c.path("volumeMounts")).anyMatch(m -> m.path("mountPath").asText().equals("/tmp")), name + " writable /tmp");
            }
        }
    }

    @ParameterizedTest
    @MethodSource({"overlays", "edgeSite"})
    void everyReferenceResolves(String overlay) throws Exception {
        List<JsonNode> docs = render(overlay);
        Set<String> configMaps = names(of(docs, "ConfigMap"));
        Set<String> accounts = names(of(docs, "ServiceAccount"));
        Set<String> services = names(of(docs, "Service"));
        String readme = Files.readString(K8S.resolve("README.md"));
        for (String s : EXTERNAL_SECRETS) {
            assertTrue(readme.contains(s), "k8s/README.md must say how " + s + " is created");
        }
        for (JsonNode w : docs) {
            JsonNode pod = w.path("spec").path("template").path("spec");
            if (pod.isMissingNode()) {
                continue;
            }
            String name = w.path("metadata").path("name").asText();
            assertTrue(accounts.contains(pod.path("serviceAccountName").asText()), name + " service account");
            for (JsonNode v : pod.path("volumes")) {
                if (v.has("secret")) {
                    String secret = v.path("secret").path("secretName").asText();
                    assertTrue(EXTERNAL_SECRETS.contains(secret) || operatorSecrets(docs).contains(secret), name + " secret volume");
                }
                if (v.has("configMap")) {
                    assertTrue(configMaps.contains(v.path("configMap").path("name").asText()), name + " configMap volume");
                }
            }
            for (JsonNode c : pod.path("containers")) {
                for (JsonNode e : c.path("envFrom")) {
                    assertTrue(configMaps.contains(e.path("configMapRef").path("name").asText()), name + " envFrom");
                }
                for (JsonNode e : c.path("env")) {
                    JsonNode ref = e.path("valueFrom").path("secretKeyRef");
                    if (!ref.isMissingNode()) {
                        assertTrue(EXTERNAL_SECRETS.contains(ref.path("name").asText()) || operatorSecrets(docs).contains(ref.path("name").asText()),
                                name + " secret " + ref);
                    }
                }
            }
        }
        for (JsonNode ing : of(docs, "Ingress")) {
            for (JsonNode rule : ing.path("spec").path("rules")) {
                for (JsonNode path : rule.path("http").path("paths")) {
                    assertTrue(services.contains(path.path("backend").path("service").path("name").asText()), "ingress backend " + path);
                }
            }
            assertTrue(EXTERNAL_SECRETS.contains(ing.path("spec").path("tls").path(0).path("secretName").asText()));
        }
    }

    /**
     * Finding (low, issue 16) "/q/metrics and /q/health public through the ingress": every host the
     * ingress serves refuses /q to every address.
     */
    @ParameterizedTest
    @MethodSource("overlays")
    void theIngressRefusesTheManagementPathsToEveryone(String overlay) throws Exception {
        List<JsonNode> ingresses = of(render(overlay), "Ingress");
        java.util.Set<String> hosts = new java.util.HashSet<>();
        java.util.Set<String> guarded = new java.util.HashSet<>();
        for (JsonNode ing : ingresses) {
            String deny = ing.path("metadata").path("annotations").path("nginx.ingress.kubernetes.io/denylist-source-range").asText();
            for (JsonNode rule : ing.path("spec").path("rules")) {
                hosts.add(rule.path("host").asText());
                for (JsonNode path : rule.path("http").path("paths")) {
                    String p = path.path("path").asText();
                    boolean q = p.equals("/q") && path.path("pathType").asText().equals("Prefix");
                    if (q && List.of(deny.split(",")).containsAll(List.of("0.0.0.0/0", "::/0"))) {
                        guarded.add(rule.path("host").asText());
                    }
                    assertTrue(deny.isEmpty() || p.equals("/q"), "the deny-all Ingress holds /q only, not " + p);
                }
            }
        }
        assertEquals(hosts, guarded, "hosts whose /q is refused to everyone");
    }

    /**
     * Finding (high, issue 16) "... there is no egress policy": frame-ingest's egress (FFmpeg
     * follows redirects the camera policy never sees) never reaches the link-local range, where the
     * cloud metadata service answers, by any rule.
     */
    @ParameterizedTest
    @MethodSource("overlays")
    void frameIngestsEgressNeverReachesTheMetadataService(String overlay) throws Exception {
        List<JsonNode> egress = of(render(overlay), "NetworkPolicy").stream()
                .filter(p -> p.path("spec").path("podSelector").path("matchLabels").path("app.kubernetes.io/name").asText().equals("frame-ingest"))
                .filter(p -> p.path("spec").path("policyTypes").toString().contains("Egress")).toList();
        assertEquals(1, egress.size(), "one egress policy for frame-ingest");
        int blocks = 0;
        for (JsonNode rule : egress.get(0).path("spec").path("egress")) {
            for (JsonNode to : rule.path("to")) {
                JsonNode ip = to.path("ipBlock");
                if (ip.isMissingNode()) {
                    continue;
                }
                blocks++;
                String cidr = ip.path("cidr").asText();
                String except = ip.path("except").toString();
                assertTrue(cidr.contains(":") ? except.contains("fe80::/10") : except.contains("169.254.0.0/16"),
                        cidr + " must leave out the link-local range: " + except);
            }
        }
        assertTrue(blocks > 0, "cameras are reachable by an address rule");
    }

    /**
     * Issue 19: "integrators cannot reach Rollcall on Kubernetes: the ingress serves the portal and
     * /ws/cameras only". Routed as ingress-nginx routes (longest matching Prefix of the host's
     * rules), each integrator path reaches the service that answers it, on a port the service's pods
     * listen on, and a NetworkPolicy admits the ingress controller's namespace to that port.
     */
    @ParameterizedTest
    @MethodSource("overlays")
    void anIntegratorReachesAttendancePeopleAndSitesThroughTheIngress(String overlay) throws Exception {
        List<JsonNode> docs = render(overlay);
        Map<String, String> expected = Map.of("/api/v1/token", "identity", "/api/v1/people", "identity",
                "/api/v1/people?cursor=x", "identity", "/api/v1/sites", "identity", "/api/v1/attendance", "attendance",
                "/api/v1/attendance/summary", "attendance", "/api/v1/attendance/export.csv", "attendance",
                "/api/v1/attendance/manual", "attendance");
        for (var e : expected.entrySet()) {
            String path = e.getKey().replaceAll("\\?.*", "");
            JsonNode backend = route(docs, path);
            assertEquals(e.getValue(), backend.path("service").path("name").asText(), path + " is routed to");
            JsonNode svc = of(docs, "Service").stream().filter(x -> x.path("metadata").path("name").asText().equals(e.getValue()))
                    .findFirst().orElseThrow();
            JsonNode svcPort = stream(svc.path("spec").path("ports"))
                    .filter(p -> p.path("name").asText().equals(backend.path("service").path("port").path("name").asText()))
                    .findFirst().orElseThrow(() -> new AssertionError(path + ": the Service has no port " + backend));
            JsonNode workload = docs.stream().filter(d -> d.path("metadata").path("name").asText().equals(e.getValue())
                    && d.path("kind").asText().equals("Deployment")).findFirst().orElseThrow();
            JsonNode podLabels = workload.path("spec").path("template").path("metadata").path("labels");
            int containerPort = stream(workload.path("spec").path("template").path("spec").path("containers").path(0).path("ports"))
                    .filter(p -> p.path("name").asText().equals(svcPort.path("targetPort").asText()))
                    .findFirst().orElseThrow(() -> new AssertionError(path + ": no container port " + svcPort)).path("containerPort").asInt();
            boolean admitted = of(docs, "NetworkPolicy").stream().filter(p -> selects(p.path("spec").path("podSelector"), podLabels))
                    .flatMap(p -> stream(p.path("spec").path("ingress")))
                    .anyMatch(rule -> stream(rule.path("from")).anyMatch(f -> f.path("namespaceSelector").path("matchLabels")
                            .path("kubernetes.io/metadata.name").asText().equals("ingress-nginx"))
                            && stream(rule.path("ports")).anyMatch(p -> p.path("port").asInt() == containerPort));
            assertTrue(admitted, path + ": no NetworkPolicy admits the ingress controller to " + e.getValue() + ":" + containerPort);
        }
    }

    /** The backend ingress-nginx picks for a path on the portal's host: the longest Prefix of a rule that is not the deny-all one. */
    private static JsonNode route(List<JsonNode> docs, String path) {
        JsonNode best = null;
        int bestLength = -1;
        for (JsonNode ing : of(docs, "Ingress")) {
            if (ing.path("metadata").path("annotations").has("nginx.ingress.kubernetes.io/denylist-source-range")) {
                continue;
            }
            for (JsonNode rule : ing.path("spec").path("rules")) {
                for (JsonNode p : rule.path("http").path("paths")) {
                    String prefix = p.path("path").asText();
                    boolean matches = prefix.equals("/") || path.equals(prefix) || path.startsWith(prefix.endsWith("/") ? prefix : prefix + "/");
                    if (matches && prefix.length() > bestLength) {
                        best = p.path("backend");
                        bestLength = prefix.length();
                    }
                }
            }
        }
        assertNotNull(best, "no ingress rule for " + path);
        return best;
    }

    /** Whether a pod selector (matchLabels and In expressions) selects pods with these labels. */
    private static boolean selects(JsonNode selector, JsonNode labels) {
        var it = selector.path("matchLabels").fields();
        while (it.hasNext()) {
            var l = it.next();
            if (!labels.path(l.getKey()).asText().equals(l.getValue().asText())) {
                return false;
            }
        }
        for (JsonNode ex : selector.path("matchExpressions")) {
            boolean in = stream(ex.path("values")).anyMatch(v -> v.asText().equals(labels.path(ex.path("key").asText()).asText()));
            if (!ex.path("operator").asText().equals("In") || !in) {
                return false;
            }
        }
        return true;
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void servicePortsMatchEachServicesConfiguredHttpPort(String overlay) throws Exception {
        List<JsonNode> docs = render(overlay);
        for (var e : SERVICE_MODULES.entrySet()) {
            Properties props = new Properties();
            try (InputStream in = Files.newInputStream(ROOT.resolve(e.getValue()).resolve("src/main/resources/application.properties"))) {
                props.load(in);
            }
            int port = Integer.parseInt(props.getProperty("quarkus.http.port"));
            JsonNode svc = of(docs, "Service").stream().filter(s -> s.path("metadata").path("name").asText().equals(e.getKey()))
                    .findFirst().orElseThrow(() -> new AssertionError("no Service " + e.getKey()));
            assertEquals(port, svc.path("spec").path("ports").path(0).path("port").asInt(), e.getKey() + " service port");
            JsonNode workload = docs.stream().filter(d -> d.path("metadata").path("name").asText().equals(e.getKey())
                    && (d.path("kind").asText().equals("Deployment") || d.path("kind").asText().equals("StatefulSet"))).findFirst().orElseThrow();
            JsonNode c = workload.path("spec").path("template").path("spec").path("containers").path(0);
            assertEquals(port, c.path("ports").path(0).path("containerPort").asInt(), e.getKey() + " container port");
            assertEquals(String.valueOf(port), env(c, "QUARKUS_HTTP_PORT"), e.getKey() + " QUARKUS_HTTP_PORT");
            assertEquals(String.valueOf(port), workload.path("spec").path("template").path("metadata").path("annotations")
                    .path("prometheus.io/port").asText(), e.getKey() + " scrape port");
        }
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void topicsAreExactlyTheDevstackTopics(String overlay) throws Exception {
        Map<String, JsonNode> topics = new HashMap<>();
        for (JsonNode t : of(render(overlay), "KafkaTopic")) {
            topics.put(t.path("spec").path("topicName").asText(), t.path("spec"));
        }
        assertEquals(TopicSpec.ALL.size(), topics.size(), "topics " + topics.keySet());
        for (TopicSpec spec : TopicSpec.ALL) {
            JsonNode t = topics.get(spec.name());
            assertNotNull(t, "no KafkaTopic for " + spec.name());
            assertEquals(spec.partitions(), t.path("partitions").asInt(), spec.name() + " partitions");
            Map<String, String> config = new HashMap<>();
            t.path("config").fields().forEachRemaining(f -> config.put(f.getKey(), f.getValue().asText()));
            assertEquals(spec.configs(), config, spec.name() + " configs");
        }
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void autoscalingNeverExceedsTheFramePartitionsAndIngestKnowsItsCount(String overlay) throws Exception {
        List<JsonNode> docs = render(overlay);
        List<JsonNode> scalers = new ArrayList<>(of(docs, "ScaledObject"));
        scalers.addAll(of(docs, "HorizontalPodAutoscaler"));
        assertEquals(1, scalers.size(), "exactly one autoscaler for recognition");
        for (JsonNode s : scalers) {
            int max = s.path("spec").has("maxReplicaCount") ? s.path("spec").path("maxReplicaCount").asInt()
                    : s.path("spec").path("maxReplicas").asInt();
            assertTrue(max >= 1 && max <= TopicSpec.FRAME_PARTITIONS, "max replicas " + max);
            if (s.path("kind").asText().equals("ScaledObject")) {
                JsonNode trigger = s.path("spec").path("triggers").path(0).path("metadata");
                assertEquals("recognition", trigger.path("consumerGroup").asText());
                assertEquals("rollcall.frames.v1", trigger.path("topic").asText());
            }
        }
        JsonNode ingest = of(docs, "StatefulSet").get(0);
        JsonNode c = ingest.path("spec").path("template").path("spec").path("containers").path(0);
        assertEquals(ingest.path("spec").path("replicas").asText(), env(c, "ROLLCALL_INGEST_INSTANCE_COUNT"),
                "every ingest instance must know how many share the cameras");
        long indexes = stream(c.path("env")).filter(e -> e.path("name").asText().equals("ROLLCALL_INGEST_INSTANCE_INDEX")).count();
        assertEquals(1, indexes);
        // recognition's enrollment API only from identity
        JsonNode policy = of(docs, "NetworkPolicy").stream()
                .filter(p -> p.path("spec").path("podSelector").path("matchLabels").path("app.kubernetes.io/name").asText().equals("recognition"))
                .findFirst().orElseThrow();
        assertEquals("identity", policy.path("spec").path("ingress").path(0).path("from").path(0).path("podSelector")
                .path("matchLabels").path("app.kubernetes.io/name").asText());
        // KEDA scales recognition on its consumer lag, so its operator (and only it, from its namespace) reaches Kafka
        JsonNode kafkaPolicy = of(docs, "NetworkPolicy").stream()
                .filter(p -> p.path("metadata").path("name").asText().equals("kafka-from-services")).findFirst().orElseThrow();
        assertTrue(stream(kafkaPolicy.path("spec").path("ingress").path(0).path("from")).anyMatch(f ->
                f.path("namespaceSelector").path("matchLabels").path("kubernetes.io/metadata.name").asText().equals("keda")
                        && f.path("podSelector").path("matchLabels").path("app.kubernetes.io/name").asText().equals("keda-operator")),
                "KEDA's operator may read the recognition group's lag");
    }

    /** Secrets Strimzi makes: one per KafkaUser and the cluster CA. */
    private static Set<String> operatorSecrets(List<JsonNode> docs) {
        Set<String> s = new java.util.HashSet<>(names(of(docs, "KafkaUser")));
        s.add(KAFKA_CA);
        return s;
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void kafkaTakesOnlyTlsAuthenticatedClientsAndEachServiceIsItsOwnLeastPrivilegeUser(String overlay) throws Exception {
        List<JsonNode> docs = render(overlay);
        JsonNode kafka = of(docs, "Kafka").get(0).path("spec").path("kafka");
        assertEquals("simple", kafka.path("authorization").path("type").asText(), "ACLs enforced");
        Set<Integer> ports = new java.util.HashSet<>();
        for (JsonNode l : kafka.path("listeners")) {
            assertTrue(l.path("tls").asBoolean(), "TLS on listener " + l.path("name"));
            assertTrue(Set.of("scram-sha-512", "tls").contains(l.path("authentication").path("type").asText()),
                    "authentication on listener " + l.path("name"));
            ports.add(l.path("port").asInt());
        }
        assertTrue(stream(kafka.path("listeners")).anyMatch(l -> l.path("type").asText().equals("loadbalancer")), "an external listener for integrators");
        Map<String, JsonNode> users = new java.util.HashMap<>();
        of(docs, "KafkaUser").forEach(u -> users.put(u.path("metadata").path("name").asText(), u));
        for (KafkaAccess access : KafkaAccess.SERVICES) {
            JsonNode user = users.get(access.service());
            assertTrue(user != null, "KafkaUser " + access.service());
            assertEquals(expectedAcls(access), acls(user), "ACLs of " + access.service() + " = KafkaAccess");
        }
        JsonNode config = of(docs, "ConfigMap").stream().filter(c -> c.path("metadata").path("name").asText().equals("rollcall-config"))
                .findFirst().orElseThrow().path("data");
        assertEquals("SASL_SSL", config.path("KAFKA_SECURITY_PROTOCOL").asText());
        assertEquals("SCRAM-SHA-512", config.path("KAFKA_SASL_MECHANISM").asText());
        int bootstrapPort = Integer.parseInt(config.path("KAFKA_BOOTSTRAP_SERVERS").asText().replaceAll(".*:", ""));
        assertTrue(ports.contains(bootstrapPort), "the services' bootstrap port is a TLS listener");
        for (JsonNode w : docs) {
            JsonNode pod = w.path("spec").path("template").path("spec");
            String name = w.path("metadata").path("name").asText();
            if (pod.isMissingNode() || !SERVICE_MODULES.containsKey(name)) {
                continue;
            }
            JsonNode c = pod.path("containers").path(0);
            JsonNode jaas = stream(c.path("env")).filter(e -> e.path("name").asText().equals("KAFKA_SASL_JAAS_CONFIG")).findFirst().orElseThrow();
            assertEquals(name, jaas.path("valueFrom").path("secretKeyRef").path("name").asText(), name + " logs in as itself");
            assertTrue(stream(pod.path("volumes")).anyMatch(v -> v.path("secret").path("secretName").asText().equals(KAFKA_CA)), name + " trusts the cluster CA");
        }
        // camera passwords: sealed by identity, opened by frame-ingest, a key nobody else is given
        for (JsonNode w : docs) {
            String name = w.path("metadata").path("name").asText();
            if (w.path("spec").path("template").isMissingNode()) {
                continue;
            }
            boolean holdsKey = stream(w.path("spec").path("template").path("spec").path("containers").path(0).path("env"))
                    .anyMatch(e -> e.path("valueFrom").path("secretKeyRef").path("name").asText().equals("rollcall-camera-key"));
            assertEquals(Set.of("identity", "frame-ingest").contains(name), holdsKey, name + " and the camera credentials key");
        }
        // Prometheus may read the broker's exporter and the database's metrics, from its namespace only
        assertFalse(of(docs, "Kafka").get(0).path("spec").path("kafkaExporter").isMissingNode(), "Kafka exports lag metrics");
        for (String[] target : new String[][] {{"strimzi.io/name", "rollcall-kafka-kafka-exporter", "9404"}, {"cnpg.io/cluster", "rollcall-db", "9187"}}) {
            assertTrue(of(docs, "NetworkPolicy").stream().anyMatch(p -> p.path("spec").path("podSelector").path("matchLabels")
                    .path(target[0]).asText().equals(target[1])
                    && stream(p.path("spec").path("ingress")).anyMatch(i -> stream(i.path("from")).anyMatch(f -> f.path("namespaceSelector")
                            .path("matchLabels").path("kubernetes.io/metadata.name").asText().equals("monitoring"))
                            && stream(i.path("ports")).anyMatch(port -> port.path("port").asText().equals(target[2])))),
                    "monitoring reaches " + target[1] + ":" + target[2]);
        }
        for (JsonNode scaled : of(docs, "ScaledObject")) {
            JsonNode keda = scaled.path("spec").path("triggers").path(0);
            assertEquals("enable", keda.path("metadata").path("tls").asText());
            assertTrue(of(docs, "TriggerAuthentication").stream().anyMatch(t -> t.path("metadata").path("name").asText()
                    .equals(keda.path("authenticationRef").path("name").asText())), "KEDA authenticates");
        }
    }

    @org.junit.jupiter.api.Test
    void theIntegratorComponentReadsOneOrganizationsTopicAndNothingElse() throws Exception {
        JsonNode user = of(render(withComponents("with-integrator", "integrator")), "KafkaUser").stream()
                .filter(u -> u.path("metadata").path("name").asText().startsWith("integrator-")).findFirst().orElseThrow();
        String org = user.path("metadata").path("labels").path("rollcall.io/organization").asText();
        assertEquals(expectedAcls(KafkaAccess.integrator(org)), acls(user));
    }

    static Set<String> acls(JsonNode user) {
        Set<String> acls = new java.util.TreeSet<>();
        for (JsonNode acl : user.path("spec").path("authorization").path("acls")) {
            JsonNode r = acl.path("resource");
            for (JsonNode op : acl.path("operations")) {
                acls.add(r.path("type").asText() + " " + r.path("name").asText() + " " + r.path("patternType").asText("literal") + " " + op.asText());
            }
        }
        return acls;
    }

    static Set<String> expectedAcls(KafkaAccess a) {
        Set<String> acls = new java.util.TreeSet<>();
        a.reads().forEach(t -> acls.add("topic " + t + " literal Read"));
        a.writes().forEach(t -> acls.add("topic " + t + " literal Write"));
        a.groups().forEach(g -> acls.add("group " + g + " literal Read"));
        a.ownedPrefixes().forEach(p -> List.of("Create", "Write", "Describe").forEach(op -> acls.add("topic " + p + " prefix " + op)));
        return acls;
    }

    private static String env(JsonNode container, String name) {
        return stream(container.path("env")).filter(e -> e.path("name").asText().equals(name)).map(e -> e.path("value").asText())
                .findFirst().orElse(null);
    }

    private static Set<String> names(List<JsonNode> docs) {
        Set<String> out = new HashSet<>();
        docs.forEach(d -> out.add(d.path("metadata").path("name").asText()));
        return out;
    }

    static Stream<JsonNode> stream(JsonNode array) {
        List<JsonNode> l = new ArrayList<>();
        array.forEach(l::add);
        return l.stream();
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void theDatabaseIsBackedUpNightlyToAnObjectStore(String overlay) throws Exception {
        List<JsonNode> docs = render(overlay);
        JsonNode cluster = of(docs, "Cluster").get(0);
        JsonNode store = cluster.path("spec").path("backup").path("barmanObjectStore");
        assertTrue(store.path("destinationPath").asText().startsWith("s3://"), "an object store: " + store);
        assertTrue(EXTERNAL_SECRETS.contains(store.path("s3Credentials").path("accessKeyId").path("name").asText()));
        List<JsonNode> scheduled = of(docs, "ScheduledBackup");
        assertEquals(1, scheduled.size());
        assertEquals(cluster.path("metadata").path("name").asText(), scheduled.get(0).path("spec").path("cluster").path("name").asText());
        assertEquals(6, scheduled.get(0).path("spec").path("schedule").asText().split(" ").length, "CloudNativePG's six-field schedule");
    }
}
