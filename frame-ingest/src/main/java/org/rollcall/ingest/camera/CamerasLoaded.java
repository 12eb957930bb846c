package org.rollcall.ingest.camera;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Not ready until the camera registry has been read to its end (otherwise cameras would be missed). */
@Readiness
@ApplicationScoped
public class CamerasLoaded implements HealthCheck {
    private final CameraSupervisor supervisor;

    public CamerasLoaded(CameraSupervisor supervisor) {
        this.supervisor = supervisor;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("Camera registry loaded").status(supervisor.loaded()).build();
    }
}
