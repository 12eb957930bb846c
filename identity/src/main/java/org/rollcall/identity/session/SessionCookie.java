package org.rollcall.identity.session;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.NewCookie;
import org.rollcall.events.Claims;
import org.rollcall.identity.IdentityConfig;

/**
 * The browser session: the JWT in an HttpOnly, SameSite=Strict cookie; Secure with the __Host-
 * name whenever secure cookies are on (everything but http on localhost).
 */
@ApplicationScoped
public class SessionCookie {
    private final IdentityConfig config;

    public SessionCookie(IdentityConfig config) {
        this.config = config;
    }

    public String name() {
        return config.secureCookies() ? Claims.SECURE_SESSION_COOKIE : Claims.SESSION_COOKIE;
    }

    public NewCookie of(String token) {
        return new NewCookie.Builder(name()).value(token).path("/").httpOnly(true).secure(config.secureCookies())
                .sameSite(NewCookie.SameSite.STRICT).build();
    }

    public NewCookie cleared() {
        return new NewCookie.Builder(name()).value("").path("/").httpOnly(true).secure(config.secureCookies())
                .sameSite(NewCookie.SameSite.STRICT).maxAge(0).build();
    }
}
