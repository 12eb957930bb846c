package org.rollcall.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The monitoring component as both overlays render it: a PodMonitor per service on a port its pods
 * have, alert rules and a Grafana dashboard that pass a structural check of Grafana's dashboard
 * model, and every metric they read is one the services' code registers (a renamed meter fails here).
 */
class MonitoringManifestsTest {
    /** Metrics from outside Rollcall's code: kube-state-metrics, Prometheus. */
    static final Set<String> EXTERNAL = Set.of("kube_pod_status_ready", "up");
    static final Set<String> PANEL_TYPES = Set.of("timeseries", "stat", "gauge", "heatmap", "table", "bargauge");
    private static final Pattern METER = Pattern.compile("builder\\(\"(rollcall_[a-z0-9_]+)\"");
    private static final Pattern USED = Pattern.compile("\\b((?:rollcall|kafka|kube)_[a-z0-9_]+|up)\\b(?=\\s*[{\\[)]|\\s*$|\\s*[-+*/>< ])");
    private static Set<String> registered;

    static Stream<String> overlays() {
        return Stream.of("overlays/dev", "overlays/multi-site");
    }

    @BeforeAll
    static void meters() throws IOException {
        registered = new TreeSet<>();
        for (String module : List.of("identity", "frame-ingest", "recognition", "attendance", "services/events", "services/face-engine")) {
            try (Stream<Path> files = Files.walk(K8sManifestsTest.ROOT.resolve(module).resolve("src/main/java"))) {
                for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".java"))::iterator) {
                    Matcher m = METER.matcher(Files.readString(f));
                    while (m.find()) {
                        registered.add(m.group(1));
                    }
                }
            }
        }
        assertTrue(registered.contains("rollcall_outbox_backlog"), "the scan found the meters: " + registered);
    }

    /** A name as Prometheus shows a registered meter: counters _total, timers _seconds_bucket/_count/_sum/_max. */
    static boolean exported(String name) {
        if (EXTERNAL.contains(name) || registered.contains(name)) {
            return true;
        }
        for (String suffix : List.of("_total", "_seconds_bucket", "_seconds_count", "_seconds_sum", "_seconds_max")) {
            if (name.endsWith(suffix) && registered.contains(name.substring(0, name.length() - suffix.length()))) {
                return true;
            }
        }
        return false;
    }

    static Set<String> unknownMetrics(String expr) {
        Set<String> unknown = new TreeSet<>();
        Matcher m = USED.matcher(expr.replaceAll("\"[^\"]*\"", "\"\""));
        while (m.find()) {
            if (!exported(m.group(1))) {
                unknown.add(m.group(1));
            }
        }
        return unknown;
    }

    @Test
    void aRenamedMetricIsCaught() {
        assertEquals(Set.of(), unknownMetrics("sum(rate(rollcall_frames_skipped_total{reason=\"stale\"}[5m]))"));
        assertEquals(Set.of("rollcall_frames_skiped_total"), unknownMetrics("sum(rate(rollcall_frames_skiped_total[5m]))"));
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everyServiceIsScrapedOnAPortItsPodsHave(String overlay) throws Exception {
        List<JsonNode> docs = K8sManifestsTest.render(overlay);
        Set<String> monitored = new HashSet<>();
        for (JsonNode pm : K8sManifestsTest.of(docs, "PodMonitor")) {
            String app = pm.path("spec").path("selector").path("matchLabels").path("app.kubernetes.io/name").asText();
            JsonNode workload = docs.stream().filter(d -> Set.of("Deployment", "StatefulSet").contains(d.path("kind").asText())
                    && app.equals(d.path("spec").path("template").path("metadata").path("labels").path("app.kubernetes.io/name").asText()))
                    .findFirst().orElseThrow(() -> new AssertionError(pm.path("metadata").path("name") + " selects no workload"));
            String port = pm.path("spec").path("podMetricsEndpoints").get(0).path("port").asText();
            boolean hasPort = false;
            for (JsonNode p : workload.path("spec").path("template").path("spec").path("containers").get(0).path("ports")) {
                hasPort |= port.equals(p.path("name").asText());
            }
            assertTrue(hasPort, app + " has no container port named " + port);
            assertEquals("/q/metrics", pm.path("spec").path("podMetricsEndpoints").get(0).path("path").asText());
            monitored.add(app);
        }
        assertEquals(Set.copyOf(K8sManifestsTest.SERVICE_MODULES.keySet()), monitored);
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void alertRulesRenderAndReadOnlyExportedMetrics(String overlay) throws Exception {
        List<JsonNode> rules = K8sManifestsTest.of(K8sManifestsTest.render(overlay), "PrometheusRule");
        assertEquals(1, rules.size());
        Set<String> alerts = new TreeSet<>();
        for (JsonNode group : rules.get(0).path("spec").path("groups")) {
            for (JsonNode r : group.path("rules")) {
                String name = r.path("alert").asText();
                alerts.add(name);
                assertFalse(r.path("expr").asText().isBlank(), name);
                assertTrue(r.path("for").asText().matches("\\d+[smh]"), name + " for");
                assertTrue(Set.of("warning", "critical").contains(r.path("labels").path("severity").asText()), name + " severity");
                assertFalse(r.path("annotations").path("summary").asText().isBlank(), name + " summary");
                assertEquals(Set.of(), unknownMetrics(r.path("expr").asText()), name + " reads metrics nobody exports");
            }
        }
        assertTrue(alerts.containsAll(Set.of("RollcallCameraDown", "RollcallRecognitionLagGrowing", "RollcallStaleFramesHigh",
                "RollcallOutboxStuck", "RollcallServiceNotReady")), "alerts: " + alerts);
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void theGrafanaDashboardFollowsGrafanasModelAndReadsOnlyExportedMetrics(String overlay) throws Exception {
        JsonNode cm = K8sManifestsTest.of(K8sManifestsTest.render(overlay), "ConfigMap").stream()
                .filter(c -> "1".equals(c.path("metadata").path("labels").path("grafana_dashboard").asText())).findFirst()
                .orElseThrow(() -> new AssertionError("no dashboard ConfigMap for Grafana's sidecar"));
        JsonNode d = new ObjectMapper().readTree(cm.path("data").path("rollcall.json").asText());
        List<String> problems = new ArrayList<>();
        for (String field : List.of("title", "uid", "schemaVersion", "panels", "templating", "time")) {
            if (d.path(field).isMissingNode()) {
                problems.add("no " + field);
            }
        }
        if (!d.path("schemaVersion").isInt() || d.path("schemaVersion").asInt() < 36) {
            problems.add("schemaVersion " + d.path("schemaVersion"));
        }
        boolean datasourceVariable = false;
        for (JsonNode v : d.path("templating").path("list")) {
            datasourceVariable |= "datasource".equals(v.path("type").asText()) && "prometheus".equals(v.path("query").asText());
        }
        if (!datasourceVariable) {
            problems.add("no Prometheus datasource variable");
        }
        Set<Integer> ids = new HashSet<>();
        for (JsonNode p : d.path("panels")) {
            String title = p.path("title").asText();
            if (!ids.add(p.path("id").asInt(-1)) || p.path("id").asInt(-1) < 1) {
                problems.add(title + ": id missing or repeated");
            }
            if (!PANEL_TYPES.contains(p.path("type").asText())) {
                problems.add(title + ": panel type " + p.path("type"));
            }
            JsonNode g = p.path("gridPos");
            if (!(g.path("x").isInt() && g.path("y").isInt() && g.path("w").isInt() && g.path("h").isInt())
                    || g.path("w").asInt() < 1 || g.path("x").asInt() + g.path("w").asInt() > 24 || g.path("h").asInt() < 1) {
                problems.add(title + ": gridPos " + g);
            }
            Set<String> refIds = new HashSet<>();
            if (p.path("targets").isEmpty()) {
                problems.add(title + ": no query");
            }
            for (JsonNode t : p.path("targets")) {
                if (!refIds.add(t.path("refId").asText())) {
                    problems.add(title + ": refId repeated");
                }
                if (!"${datasource}".equals(t.path("datasource").path("uid").asText())) {
                    problems.add(title + ": a target not on the datasource variable");
                }
                Set<String> unknown = unknownMetrics(t.path("expr").asText());
                if (!unknown.isEmpty()) {
                    problems.add(title + ": reads " + unknown);
                }
            }
        }
        assertEquals(List.of(), problems);
        // what an operator asked for is on it
        String all = d.path("panels").toString();
        for (String metric : List.of("rollcall_ingest_frames_published_total", "rollcall_frames_skipped_total",
                "rollcall_capture_to_event_seconds_bucket", "rollcall_capture_to_checkin_seconds_bucket",
                "rollcall_frames_lag", "rollcall_outbox_backlog", "rollcall_identities_total",
                "rollcall_ingest_cameras_connected")) {
            assertTrue(all.contains(metric), "no panel reads " + metric);
        }
    }
}
