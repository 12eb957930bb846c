package org.rollcall.identity.org;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.rollcall.events.CameraCredentials;

/**
 * The key that seals camera credentials ({@code rollcall.cameras.credentials-key}, env
 * {@code ROLLCALL_CAMERAS_CREDENTIALS_KEY}; frame-ingest holds the same). Without it, cameras
 * whose URL carries credentials cannot be saved; cameras without credentials work as before.
 */
@ApplicationScoped
public class CameraKey {
    private final CameraCredentials credentials;

    public CameraKey(@ConfigProperty(name = "rollcall.cameras.credentials-key") Optional<String> secret) {
        this.credentials = secret.filter(s -> !s.isBlank()).map(CameraCredentials::fromSecret).orElse(null);
    }

    /** The sealing key, or null when none is configured. */
    public CameraCredentials credentials() {
        return credentials;
    }
}
