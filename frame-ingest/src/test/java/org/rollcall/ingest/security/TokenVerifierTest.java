package org.rollcall.ingest.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.rollcall.events.Claims;
import org.rollcall.testkit.TestTokens;

/**
 * The WebSocket handshake's token check with SmallRye's real JWT parser set up as the service sets
 * it up (RS256 key, issuer, audience): bearer header or session cookie plus the portal's Origin.
 */
class TokenVerifierTest {
    static final TestTokens TOKENS = new TestTokens(Claims.ISSUER);
    static final List<String> ORIGINS = List.of("http://127.0.0.1:8080");
    static final TokenVerifier VERIFIER;

    static {
        JWTAuthContextInfo info = new JWTAuthContextInfo(TOKENS.publicKeyPem(), Claims.ISSUER);
        info.setPublicKeyContent(TOKENS.publicKeyPem());
        info.setExpectedAudience(Set.of(Claims.AUDIENCE));
        VERIFIER = new TokenVerifier(new DefaultJWTParser(info));
    }

    private static Map<String, List<String>> headers(String... nameValue) {
        Map<String, List<String>> h = new HashMap<>();
        for (int i = 0; i < nameValue.length; i += 2) {
            h.put(nameValue[i], List.of(nameValue[i + 1]));
        }
        return h;
    }

    @Test
    void aValidBearerTokenIsAccepted() {
        JsonWebToken jwt = VERIFIER.verify(headers("Authorization", "Bearer " + TOKENS.token("u-1", "org-1", "member")), ORIGINS);
        assertEquals("u-1", jwt.getSubject());
        assertEquals("org-1", jwt.getClaim(Claims.ORG));
    }

    @ParameterizedTest(name = "header {0} with prefix [{1}]")
    @CsvSource({"Authorization, 'Bearer '", "authorization, 'bearer '", "AUTHORIZATION, 'BEARER '"})
    void headerNameAndSchemeAreCaseInsensitive(String name, String prefix) {
        JsonWebToken jwt = VERIFIER.verify(headers(name, prefix + TOKENS.token("u-2", "org-1", "member")), ORIGINS);
        assertEquals("u-2", jwt.getSubject());
    }

    @Test
    void brokenTokensAreRefused() {
        assertNull(VERIFIER.verify(headers("Authorization", "Bearer " + TOKENS.expired("u", "o")), ORIGINS), "expired");
        assertNull(VERIFIER.verify(headers("Authorization", "Bearer " + TOKENS.wronglySigned("u", "o")), ORIGINS), "forged");
        assertNull(VERIFIER.verify(headers("Authorization", "Bearer " + TOKENS.wrongAudience("u", "o")), ORIGINS), "audience");
        assertNull(VERIFIER.verify(headers("Authorization", "Bearer " + TOKENS.algNone("u", "o")), ORIGINS), "alg none");
        assertNull(VERIFIER.verify(headers("Authorization", "Bearer " + new TestTokens("https://evil.example").token("u", "o")),
                ORIGINS), "issuer");
        assertNull(VERIFIER.verify(headers("Authorization", "Bearer "), ORIGINS), "empty");
        assertNull(VERIFIER.verify(headers("Authorization", "Bearer garbage.garbage.garbage"), ORIGINS), "garbage");
        assertNull(VERIFIER.verify(headers("Authorization", "Basic dXNlcjpwdw=="), ORIGINS), "another scheme");
        assertNull(VERIFIER.verify(headers(), ORIGINS), "nothing");
    }

    @Test
    void aSessionCookieNeedsThePortalsOrigin() {
        String token = TOKENS.token("u-3", "org-1", "member");
        String cookie = "theme=dark; " + Claims.SESSION_COOKIE + "=" + token + "; other=1";
        assertEquals("u-3", VERIFIER.verify(headers("Cookie", cookie, "Origin", ORIGINS.get(0)), ORIGINS).getSubject());
        assertNull(VERIFIER.verify(headers("Cookie", cookie, "Origin", "http://evil.example"), ORIGINS), "cross-site WebSocket");
        assertNull(VERIFIER.verify(headers("Cookie", cookie), ORIGINS), "no origin");
    }

    @Test
    void theSecureCookieIsPreferredAndAForgedOneIsNotRescuedByTheOther() {
        String good = TOKENS.token("secure-user", "org-1", "member");
        String other = TOKENS.token("plain-user", "org-1", "member");
        String both = Claims.SESSION_COOKIE + "=" + other + "; " + Claims.SECURE_SESSION_COOKIE + "=" + good;
        assertEquals("secure-user", VERIFIER.verify(headers("Cookie", both, "Origin", ORIGINS.get(0)), ORIGINS).getSubject());
        String forgedSecure = Claims.SECURE_SESSION_COOKIE + "=" + TOKENS.wronglySigned("x", "org-1") + "; "
                + Claims.SESSION_COOKIE + "=" + other;
        assertNull(VERIFIER.verify(headers("Cookie", forgedSecure, "Origin", ORIGINS.get(0)), ORIGINS));
    }

    @ParameterizedTest(name = "cookie header [{0}] -> [{1}]")
    @CsvSource(nullValues = "null", delimiter = '|', value = {
        "rollcall_session=abc|abc",
        "a=1; rollcall_session=abc|abc",
        "a=1;rollcall_session=abc;b=2|abc",
        "rollcall_session_old=zzz|null",
        "x_rollcall_session=zzz|null",
        "a=1; b=2|null",
        "rollcall_session=|''"})
    void cookieParsing(String header, String value) {
        assertEquals(value == null ? null : value.replace("''", ""), TokenVerifier.cookie(header, Claims.SESSION_COOKIE));
    }

    @Test
    void noCookieHeaderNoCookie() {
        assertNull(TokenVerifier.cookie(null, Claims.SESSION_COOKIE));
    }
}
