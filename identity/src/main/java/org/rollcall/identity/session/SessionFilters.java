package org.rollcall.identity.session;

import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;
import org.rollcall.identity.IdentityConfig;
import org.rollcall.identity.account.User;
import org.rollcall.security.RevokedTokens;

/**
 * Every request: a logged-out token or a disabled user is treated as signed out; an active
 * session is reissued (sliding idle timeout) until the absolute timeout. Every response: the
 * security headers.
 */
public class SessionFilters {
    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; "
            + "media-src 'self' blob:; connect-src 'self' %s; frame-ancestors 'none'; form-action 'self'; base-uri 'none'; object-src 'none'";

    /**
     * The one other origin a page may connect to: frame-ingest's browser-camera socket, as the live
     * page reaches it (a loopback host in the setting means "this portal's host name", as live.js
     * does); not any {@code ws:} address, where a script injected some day could send frames or data.
     */
    static String ingestSource(String configured, String requestHost, boolean https) {
        java.net.URI u = java.net.URI.create(configured);
        String host = u.getHost();
        if (host == null || host.equals("127.0.0.1") || host.equals("localhost")) {
            host = requestHost == null ? "localhost" : requestHost.replaceFirst(":\\d+$", "");
        }
        String scheme = https || "wss".equals(u.getScheme()) ? "wss" : "ws";
        return scheme + "://" + host + (u.getPort() > 0 ? ":" + u.getPort() : "");
    }

    private final JsonWebToken jwt;
    private final SecurityIdentity identity;
    private final Revocations revocations;
    private final TokenIssuer issuer;
    private final SessionCookie cookie;
    private final IdentityConfig config;
    private final CurrentUser current;
    private final RevokedTokens revokedTokens;

    public SessionFilters(JsonWebToken jwt, SecurityIdentity identity, Revocations revocations, TokenIssuer issuer,
            SessionCookie cookie, IdentityConfig config, CurrentUser current, RevokedTokens revokedTokens) {
        this.revokedTokens = revokedTokens;
        this.current = current;
        this.jwt = jwt;
        this.identity = identity;
        this.revocations = revocations;
        this.issuer = issuer;
        this.cookie = cookie;
        this.config = config;
    }

    @ServerRequestFilter
    public Response checkSession(ContainerRequestContext ctx) {
        // every endpoint here is blocking; on the event loop (e.g. a refused request) there is no session to check
        if (io.vertx.core.Context.isOnEventLoopThread()) {
            return null;
        }
        try {
            if (identity.isAnonymous() || jwt.getRawToken() == null) {
                return null;
            }
        } catch (io.quarkus.security.AuthenticationFailedException e) {
            // an invalid, expired or forged token: signed out
            return signedOut(ctx);
        }
        String subject = jwt.getSubject();
        // this service's own sign-outs (its table), and what the revocations topic says (disabled users, revoked API keys)
        boolean gone = revocations.revoked(jwt.getTokenID()) || revokedTokens.refuses(jwt);
        if (!gone && subject != null && subject.startsWith("u-")) {
            // the request's user, loaded once and shared with the page (null when disabled or gone)
            gone = current.get() == null;
        }
        return gone ? signedOut(ctx) : null;
    }

    /**
     * A state change that a browser could send with the session cookie must be a form, which the
     * CSRF filter verifies (it checks url-encoded and multipart forms only): any other POST, PUT,
     * PATCH or DELETE carrying the session cookie is refused, whatever its content type or none.
     * A request that carries a bearer token comes from a program holding the token, not from a page
     * riding on the cookie; it is not affected.
     */
    @ServerRequestFilter(preMatching = true)
    public Response cookieWritesAreForms(ContainerRequestContext ctx) {
        if (!UNSAFE.contains(ctx.getMethod()) || !ctx.getCookies().containsKey(cookie.name())) {
            return null;
        }
        String authorization = ctx.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            // a page cannot add this header to a cross-site request (no CORS here): a program holding the token
            return null;
        }
        jakarta.ws.rs.core.MediaType type = ctx.getMediaType();
        boolean form = type != null && (type.isCompatible(jakarta.ws.rs.core.MediaType.APPLICATION_FORM_URLENCODED_TYPE)
                || type.isCompatible(jakarta.ws.rs.core.MediaType.MULTIPART_FORM_DATA_TYPE));
        return form ? null : Response.status(403).type("text/plain").entity("Send this from the portal's form.").build();
    }

    private static final java.util.Set<String> UNSAFE = java.util.Set.of("POST", "PUT", "PATCH", "DELETE");

    private Response signedOut(ContainerRequestContext ctx) {
        if (ctx.getUriInfo().getPath().startsWith("/api/")) {
            return Response.status(401).cookie(cookie.cleared()).build();
        }
        return Response.seeOther(java.net.URI.create("/login")).cookie(cookie.cleared()).build();
    }

    @ServerResponseFilter
    public void headers(ContainerResponseContext res, HttpServerRequest request) {
        res.getHeaders().putSingle("Content-Security-Policy", String.format(CSP,
                ingestSource(config.ingestWebSocketUrl(), request.host(), config.secureCookies())));
        res.getHeaders().putSingle("X-Content-Type-Options", "nosniff");
        res.getHeaders().putSingle("Referrer-Policy", "same-origin");
        res.getHeaders().putSingle("X-Frame-Options", "DENY");
        res.getHeaders().putSingle("Permissions-Policy", "camera=(self), microphone=()");
        if (config.secureCookies()) {
            res.getHeaders().putSingle("Strict-Transport-Security", "max-age=31536000");
        }
        reissue(res, request);
    }

    private void reissue(ContainerResponseContext res, HttpServerRequest request) {
        try {
            if (io.vertx.core.Context.isOnEventLoopThread() || identity.isAnonymous() || jwt.getRawToken() == null
                    || res.getHeaders().containsKey(HttpHeaders.SET_COOKIE)) {
                return;
            }
        } catch (io.quarkus.security.AuthenticationFailedException e) {
            return;
        }
        String subject = jwt.getSubject();
        String sessionCookie = request.getCookie(cookie.name()) == null ? null : request.getCookie(cookie.name()).getValue();
        if (subject == null || !subject.startsWith("u-") || !jwt.getRawToken().equals(sessionCookie)) {
            return;
        }
        long now = Instant.now().getEpochSecond();
        Number authTime = jwt.getClaim(TokenIssuer.AUTH_TIME);
        boolean old = now - jwt.getIssuedAtTime() > config.sessionTokenTtl().toSeconds() / 3;
        boolean withinAbsolute = authTime != null && now - authTime.longValue() < config.absoluteTimeout().toSeconds();
        if (old && withinAbsolute) {
            User u = current.get();
            if (u != null) {
                res.getHeaders().add(HttpHeaders.SET_COOKIE,
                        cookie.of(issuer.session(u, Instant.ofEpochSecond(authTime.longValue()))).toString());
            }
        }
    }
}
