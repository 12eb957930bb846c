package org.rollcall.ingest.camera;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Not ready until the camera registry has been read to its end (otherwise cameras would be missed),
 * nor while a camera's worker thread is dead (its camera would be silent with nobody noticing).
 */
@Readiness
@ApplicationScoped
public class CamerasLoaded implements HealthCheck {
    private final CameraSupervisor supervisor;

    public CamerasLoaded(CameraSupervisor supervisor) {
        this.supervisor = supervisor;
    }

    @Override
    public HealthCheckResponse call() {
        List<String> dead = supervisor.deadWorkers();
        return HealthCheckResponse.named("Camera registry loaded and camera workers running")
                .status(supervisor.loaded() && dead.isEmpty()).withData("deadWorkers", String.join(",", dead)).build();
    }
}
