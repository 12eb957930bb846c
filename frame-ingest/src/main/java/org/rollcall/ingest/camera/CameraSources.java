package org.rollcall.ingest.camera;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.rollcall.events.CameraCredentials;
import org.rollcall.events.CameraDefinition;
import org.rollcall.events.CameraSourcePolicy;

/**
 * The address a camera worker opens: the registry's URL with its sealed credentials opened with
 * {@code rollcall.cameras.credentials-key} (env {@code ROLLCALL_CAMERAS_CREDENTIALS_KEY}, the key
 * identity seals them with). The opened URL lives only in the worker, never in a log or status.
 */
@ApplicationScoped
public class CameraSources {
    private final CameraCredentials key;
    private final CameraSourcePolicy policy;

    public CameraSources(@ConfigProperty(name = "rollcall.cameras.credentials-key") Optional<String> secret, CameraSourcePolicy policy) {
        this.key = secret.filter(s -> !s.isBlank()).map(CameraCredentials::fromSecret).orElse(null);
        this.policy = policy;
    }

    /**
     * The URL to open; an exception with a clear reason when the operator's camera policy refuses
     * it (checked at every connection, after resolving the host now: a name may point elsewhere
     * than when the camera was saved) or its credentials cannot be opened here.
     */
    public String urlOf(CameraDefinition camera) {
        String refusal = policy.refusal(camera.kind(), camera.url(), false);
        if (refusal != null) {
            throw new SourceRefused(refusal);
        }
        if (camera.credentials() == null) {
            return camera.url();
        }
        if (key == null) {
            throw new IllegalStateException("the camera has a password and this instance has no camera credentials key "
                    + "(ROLLCALL_CAMERAS_CREDENTIALS_KEY)");
        }
        return CameraCredentials.join(camera.url(), key.open(camera.cameraId(), camera.credentials()));
    }

    /** The camera policy refuses the source: the reason is safe to show (it names the rule, not what exists). */
    public static final class SourceRefused extends IllegalStateException {
        SourceRefused(String reason) {
            super(reason);
        }
    }
}
