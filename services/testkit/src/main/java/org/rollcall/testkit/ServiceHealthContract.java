package org.rollcall.testkit;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * What every Rollcall service promises: live, and ready only when each of its own readiness
 * checks (broker, database, loaded registries) is UP, each named in the answer; and Prometheus
 * metrics that include the service's own meters. A service's {@code @QuarkusTest} subclass adds
 * its resources and names its checks and meters.
 */
public abstract class ServiceHealthContract {

    /** Names of the readiness checks this service must report (all UP against running servers). */
    protected abstract List<String> readinessChecks();

    /** Meter names (Prometheus form, without suffix) that this service must export from its start. */
    protected abstract List<String> serviceMetrics();

    @Test
    void readyWithEveryNamedCheckUpAndLive() throws InterruptedException {
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        // registries load in the background: wait for readiness, then check what it is made of
        Await.until(() -> given().get("/q/health/ready").statusCode() == 200, Duration.ofSeconds(60), "ready");
        JsonPath ready = given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                .extract().jsonPath();
        Map<String, String> checks = ready.<Map<String, String>>getList("checks").stream()
                .collect(Collectors.toMap(c -> c.get("name"), c -> c.get("status"), (a, b) -> a));
        for (String name : readinessChecks()) {
            assertEquals("UP", checks.get(name), "readiness check '" + name + "' in " + checks);
        }
        assertTrue(checks.keySet().stream().anyMatch(n -> n.contains("Kafka")), "a broker check: " + checks);
    }

    /** Requests that make the service's meters appear (for meters created on first use). */
    protected void exercise() {
    }

    @Test
    void prometheusMetricsIncludeTheServicesOwnMeters() {
        exercise();
        String metrics = given().get("/q/metrics").then().statusCode(200).body(containsString("jvm_memory_used_bytes"))
                .extract().asString();
        for (String name : serviceMetrics()) {
            assertTrue(metrics.lines().anyMatch(l -> l.startsWith(name)), "metric " + name + " is not exported");
        }
    }
}
