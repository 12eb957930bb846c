package org.rollcall.security;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.rollcall.events.kafka.KafkaConnection;
import org.rollcall.events.kafka.RevocationList;

/**
 * A signed-out token, or one of a disabled user or revoked API key, is refused here as soon as
 * identity publishes the revocation, not only when the token expires. Not ready until the
 * revocations are loaded (a revoked token could pass before that).
 */
@ApplicationScoped
public class RevokedTokens {
    private final KafkaConnection kafka;
    private final SecurityIdentity identity;
    private final JsonWebToken jwt;
    private final boolean filter;
    private static final java.time.Duration STARTUP_WAIT = java.time.Duration.ofSeconds(20);
    private volatile RevocationList list;

    /**
     * @param filter whether every REST request is checked here; identity turns it off
     *               ({@code rollcall.security.revoked-token-filter=false}) because its session filter
     *               checks the same list and answers pages with the sign-in page instead of a 401
     */
    public RevokedTokens(@Identifier("default-kafka-broker") Map<String, Object> kafkaSettings, SecurityIdentity identity,
            JsonWebToken jwt, @ConfigProperty(name = "rollcall.security.revoked-token-filter", defaultValue = "true") boolean filter) {
        this.kafka = KafkaConnection.of(kafkaSettings);
        this.filter = filter;
        this.identity = identity;
        this.jwt = jwt;
    }

    void start(@Observes StartupEvent ev) throws InterruptedException {
        list = RevocationList.following(kafka);
        // usually a fraction of a second; with the broker away the service starts anyway and answers 503 until loaded
        list.awaitCaughtUp(STARTUP_WAIT);
    }

    void stop(@Observes ShutdownEvent ev) {
        if (list != null) {
            list.close();
        }
    }

    @ServerRequestFilter
    public Response refuseRevoked() {
        if (!filter || identity.isAnonymous() || jwt.getRawToken() == null) {
            return null;
        }
        if (!loaded()) {
            return Problems.response(503, "starting", "the service is loading its token revocations; try again shortly");
        }
        return refuses(jwt) ? Problems.response(401, "token_revoked",
                "this token was revoked (signed out, disabled or key revoked); sign in again") : null;
    }

    /** True for a token that must not be used any more (also true before the revocations are loaded). */
    public boolean refuses(JsonWebToken token) {
        return refuses(token.getTokenID(), token.getSubject(), token.getIssuedAtTime());
    }

    /** The same for a token remembered by its id, subject and issue time (a WebSocket's, checked at every message). */
    public boolean refuses(String tokenId, String subject, long issuedAtSeconds) {
        RevocationList l = list;
        return l == null || !l.caughtUp() || l.refuses(tokenId, subject, issuedAtSeconds);
    }

    public boolean loaded() {
        return list != null && list.caughtUp();
    }

    /** Readiness: DOWN until the revocations are loaded. */
    @Readiness
    @ApplicationScoped
    public static class Loaded implements HealthCheck {
        private final RevokedTokens tokens;

        public Loaded(RevokedTokens tokens) {
            this.tokens = tokens;
        }

        @Override
        public HealthCheckResponse call() {
            return HealthCheckResponse.named("Token revocations loaded").status(tokens.loaded()).build();
        }
    }
}
