package org.rollcall.ingest.camera;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.rollcall.events.CameraCredentials;
import org.rollcall.events.CameraDefinition;

/**
 * The address a camera worker opens: the registry's URL with its sealed credentials opened with
 * {@code rollcall.cameras.credentials-key} (env {@code ROLLCALL_CAMERAS_CREDENTIALS_KEY}, the key
 * identity seals them with). The opened URL lives only in the worker, never in a log or status.
 */
@ApplicationScoped
public class CameraSources {
    private final CameraCredentials key;

    public CameraSources(@ConfigProperty(name = "rollcall.cameras.credentials-key") Optional<String> secret) {
        this.key = secret.filter(s -> !s.isBlank()).map(CameraCredentials::fromSecret).orElse(null);
    }

    /** The URL to open; an exception with a clear reason when its credentials cannot be opened here. */
    public String urlOf(CameraDefinition camera) {
        if (camera.credentials() == null) {
            return camera.url();
        }
        if (key == null) {
            throw new IllegalStateException("the camera has a password and this instance has no camera credentials key "
                    + "(ROLLCALL_CAMERAS_CREDENTIALS_KEY)");
        }
        return CameraCredentials.join(camera.url(), key.open(camera.cameraId(), camera.credentials()));
    }
}
