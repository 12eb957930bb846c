package org.rollcall.ingest.security;

import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.rollcall.events.Claims;

/**
 * Finds and verifies the caller's JWT on a WebSocket handshake, where browsers cannot set an
 * Authorization header: a bearer header (programs), else the portal's session cookie (browsers;
 * then the Origin must be the portal's, against cross-site WebSocket hijacking).
 */
@ApplicationScoped
public class TokenVerifier {
    private final JWTParser parser;

    public TokenVerifier(JWTParser parser) {
        this.parser = parser;
    }

    /** The verified token, or null with no valid credentials. */
    public JsonWebToken verify(Map<String, List<String>> headers, List<String> allowedOrigins) {
        String auth = first(headers, "authorization");
        String token = null;
        if (auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
            token = auth.substring(7).trim();
        } else {
            String cookies = first(headers, "cookie");
            token = cookie(cookies, Claims.SECURE_SESSION_COOKIE);
            if (token == null) {
                token = cookie(cookies, Claims.SESSION_COOKIE);
            }
            String origin = first(headers, "origin");
            if (token != null && (origin == null || !allowedOrigins.contains(origin))) {
                return null;
            }
        }
        if (token == null || token.isEmpty()) {
            return null;
        }
        try {
            return parser.parse(token);
        } catch (ParseException e) {
            return null;
        }
    }

    private static String first(Map<String, List<String>> headers, String name) {
        for (var e : headers.entrySet()) {
            if (e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty()) {
                return e.getValue().get(0);
            }
        }
        return null;
    }

    static String cookie(String header, String name) {
        if (header == null) {
            return null;
        }
        for (String part : header.split(";")) {
            String p = part.trim();
            if (p.startsWith(name + "=")) {
                return p.substring(name.length() + 1);
            }
        }
        return null;
    }
}
