package org.rollcall.attendance;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.rollcall.testkit.JwtTestResource;
import org.rollcall.testkit.KafkaTestResource;
import org.rollcall.testkit.PostgresTestResource;
import org.rollcall.testkit.ServiceHealthContract;

/** The service boots against real servers and reports health and Prometheus metrics. */
@QuarkusTest
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = JwtTestResource.class, restrictToAnnotatedClass = true)
class HealthAndMetricsTest extends ServiceHealthContract {
    @Override
    protected java.util.List<String> readinessChecks() {
        return java.util.List.of("Database connections health check", "Kafka connection health check", "Site time zones loaded",
                "Attendance outbox publisher running");
    }

    @Override
    protected java.util.List<String> serviceMetrics() {
        // the identity-event meters appear with the consumer's first event; the outbox's at start
        return java.util.List.of("rollcall_attendance_events_published_total", "rollcall_dead_letters_total",
                "rollcall_sightings_expired_total", "rollcall_outbox_backlog", "rollcall_outbox_oldest_age_seconds");
    }
}
