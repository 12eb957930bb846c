package org.rollcall.identity.org;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;
import org.rollcall.events.CameraSourcePolicy;

/**
 * {@code rollcall.cameras.policy.*}: the operator's camera source policy ({@link CameraSourcePolicy}),
 * the same settings in identity (checked when a camera is saved) and frame-ingest (checked when it is opened).
 */
@ConfigMapping(prefix = "rollcall.cameras.policy")
public interface CameraPolicyConfig {
    /** Kinds tenants may register (RTSP, HTTP, USB, FILE, BROWSER). */
    @WithDefault("RTSP,HTTP,USB,FILE,BROWSER")
    List<String> kinds();

    /** Folders video files may be played from; none by default (FILE cameras refused). */
    Optional<List<String>> fileRoots();

    /** Networks (CIDR) a camera may be in although private, loopback or link-local; none by default. */
    Optional<List<String>> allowedNetworks();

    /** The policy as one object. */
    final class Producer {
        @Produces
        @Singleton
        CameraSourcePolicy policy(CameraPolicyConfig config) {
            return CameraSourcePolicy.of(config.kinds(), config.fileRoots().orElse(List.of()), config.allowedNetworks().orElse(List.of()));
        }
    }
}
