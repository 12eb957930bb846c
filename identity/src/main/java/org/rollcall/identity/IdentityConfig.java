package org.rollcall.identity;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** {@code rollcall.identity.*}: accounts, sessions and where the other services are. */
@ConfigMapping(prefix = "rollcall.identity")
public interface IdentityConfig {
    /** Anyone may register an organization; off = only the platform admin creates them. */
    @WithDefault("true")
    boolean selfRegistration();

    /**
     * Session cookie with Secure (and the __Host- name, see mp.jwt.token.cookie). Off only for
     * http on localhost (deploy/rollcall sets it off for the laptop stack).
     */
    @WithDefault("true")
    boolean secureCookies();

    /** Lifetime of one session token; it is reissued while the user is active. */
    @WithDefault("15M")
    Duration sessionTokenTtl();

    /** A session ends this long after sign-in whatever the activity. */
    @WithDefault("8H")
    Duration absoluteTimeout();

    /** Lifetime of a token exchanged for an API key. */
    @WithDefault("10M")
    Duration apiTokenTtl();

    /** Failed sign-ins before an account is locked for {@link #lockDuration()}. */
    @WithDefault("5")
    int maxFailedLogins();

    @WithDefault("15M")
    Duration lockDuration();

    /** Failed sign-ins from one address per {@link #lockDuration()} before it is throttled. */
    @WithDefault("20")
    int maxFailedPerAddress();

    @WithDefault("7D")
    Duration inviteTtl();

    /** Largest enrollment photo accepted. */
    @WithDefault("10485760")
    int maxPhotoBytes();

    /** The largest request the portal takes (up to 5 photos of 10 MiB with the form's parts would not fit: 32 MiB is plenty). */
    @WithDefault("33554432")
    long maxRequestBytes();

    /** Photos one enrollment form may send (several templates per person; the request body limit is 32 MB). */
    @WithDefault("5")
    int maxPhotosPerEnrollment();

    @WithDefault("http://127.0.0.1:8082")
    String recognitionUrl();

    @WithDefault("http://127.0.0.1:8083")
    String attendanceUrl();


    /** Where the live page's browser sends webcam frames (frame-ingest). */
    @WithDefault("ws://127.0.0.1:8081")
    String ingestWebSocketUrl();

    /** The first platform admin, from the environment (never a default password). */
    Optional<String> adminEmail();

    Optional<String> adminPassword();

    /** The key id published in the JWKS and set in every token header. */
    @WithDefault("rollcall-1")
    String keyId();

    /** What one organization may use of the shared services (one tenant's flood must not make everyone's frames stale). */
    Quotas quotas();

    interface Quotas {
        /** Cameras an organization may register. */
        @WithDefault("64")
        int cameras();

        /** The sum of its enabled cameras' frame rates (frame-ingest enforces the same budget per organization). */
        @WithDefault("300")
        double framesPerSecond();

        /** Enrollment photos it may upload per hour (each is decoded and checked here, then embedded by recognition). */
        @WithDefault("300")
        int photosPerHour();
    }
}
