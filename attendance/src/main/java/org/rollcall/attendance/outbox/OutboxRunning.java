package org.rollcall.attendance.outbox;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;

/** DOWN when the outbox loop's thread died: attendance events would pile up unpublished. Liveness too, so it is restarted. */
@Readiness
@Liveness
@ApplicationScoped
public class OutboxRunning implements HealthCheck {
    private final OutboxPublisher publisher;

    public OutboxRunning(OutboxPublisher publisher) {
        this.publisher = publisher;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("Attendance outbox publisher running").status(publisher.alive()).build();
    }
}
