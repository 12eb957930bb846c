package org.rollcall.testkit;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.Test;

/**
 * What every Rollcall service promises: live and ready (including its broker) against real
 * servers, and Prometheus metrics. A service's {@code @QuarkusTest} subclass adds its resources.
 */
public abstract class ServiceHealthContract {

    @Test
    void readyAndLiveWhenItsServersAreUp() {
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                .body(containsString("Kafka"));
    }

    @Test
    void prometheusMetricsAreServed() {
        given().get("/q/metrics").then().statusCode(200).body(containsString("jvm_memory_used_bytes"));
    }
}
