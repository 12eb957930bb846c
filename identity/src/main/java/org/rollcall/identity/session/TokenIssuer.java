package org.rollcall.identity.session;

import io.smallrye.jwt.build.Jwt;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.rollcall.events.Claims;
import org.rollcall.events.Claims.Roles;
import org.rollcall.identity.IdentityConfig;
import org.rollcall.identity.account.User;

/**
 * Signs every Rollcall JWT (RS256, the key from ROLLCALL_JWT_PRIVATE_KEY_FILE): browser sessions,
 * integrator tokens, and the short service tokens identity uses to call the other services on
 * behalf of an organization.
 */
@ApplicationScoped
public class TokenIssuer {
    public static final String AUTH_TIME = "auth_time";
    /** Identity's own calls to recognition and attendance live this long. */
    static final long SERVICE_TOKEN_SECONDS = 120;

    private final IdentityConfig config;
    private final String issuer;

    public TokenIssuer(IdentityConfig config, @ConfigProperty(name = "mp.jwt.verify.issuer") String issuer) {
        this.config = config;
        this.issuer = issuer;
    }

    public static Set<String> groups(User.Role role) {
        Set<String> g = new LinkedHashSet<>();
        switch (role) {
            case ADMIN -> {
                g.add(Roles.ADMIN);
                g.add(Roles.MEMBER);
            }
            case MEMBER -> g.add(Roles.MEMBER);
            case PLATFORM -> g.add("platform-admin");
        }
        return g;
    }

    /** A session token; {@code authTime} is the sign-in, kept across reissues for the absolute timeout. */
    public String session(User u, Instant authTime) {
        return sign(u.id, u.orgId, groups(u.role), authTime, config.sessionTokenTtl().toSeconds(),
                u.displayName == null ? java.util.Map.of() : java.util.Map.of("name", u.displayName));
    }

    /** An API key's token: the integrator role and the key's scopes as groups (each endpoint names the scope it needs). */
    public String integrator(String orgId, String keyId, java.util.List<String> scopes) {
        Set<String> g = new LinkedHashSet<>();
        g.add(Roles.INTEGRATOR);
        g.addAll(scopes);
        return sign(apiKeySubject(keyId), orgId, g, Instant.now(), config.apiTokenTtl().toSeconds(),
                java.util.Map.of(Claims.SCOPE, String.join(" ", scopes)));
    }

    /** The subject of an API key's tokens (what a revocation of the key names). */
    public static String apiKeySubject(String keyId) {
        return "apikey:" + keyId;
    }

    /** For identity's own calls (enrollment, erasure, dashboard data) within one organization. */
    public String service(String orgId, String... roles) {
        Set<String> g = new LinkedHashSet<>(Set.of(roles));
        g.add(Roles.SERVICE);
        return sign("identity", orgId, g, Instant.now(), SERVICE_TOKEN_SECONDS, java.util.Map.of());
    }

    private String sign(String subject, String orgId, Set<String> groups, Instant authTime, long ttlSeconds,
            java.util.Map<String, Object> extra) {
        var b = Jwt.issuer(issuer).audience(Claims.AUDIENCE).subject(subject).upn(subject)
                .claim(Claims.ORG, orgId == null ? "" : orgId).groups(groups)
                .claim(AUTH_TIME, authTime.getEpochSecond()).claim("jti", UUID.randomUUID().toString())
                .issuedAt(Instant.now()).expiresIn(ttlSeconds);
        extra.forEach(b::claim);
        return b.jws().keyId(config.keyId()).sign();
    }
}
