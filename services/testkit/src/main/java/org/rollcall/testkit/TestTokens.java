package org.rollcall.testkit;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.rollcall.events.Claims;

/**
 * Mints RS256 JWTs the way identity does (issuer, audience, org, groups, expiry), plus the broken
 * kinds a verifier must refuse: expired, wrongly signed, wrong audience, alg=none. Written with
 * the JDK alone so the tests do not share code with the implementation they check.
 */
public final class TestTokens {
    private final KeyPair keys;
    private final KeyPair stranger;
    private final String issuer;

    public TestTokens(String issuer) {
        this(issuer, rsa());
    }

    /** Tokens signed with a given key pair, e.g. a local stack's key for a benchmark client. */
    public TestTokens(String issuer, KeyPair keys) {
        this.keys = keys;
        this.stranger = rsa();
        this.issuer = issuer;
    }

    /** The key pair of a PKCS#8 private key PEM (as openssl genpkey writes it). */
    public static KeyPair fromPem(String privatePem) {
        String b64 = privatePem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        try {
            java.security.KeyFactory f = java.security.KeyFactory.getInstance("RSA");
            var priv = (java.security.interfaces.RSAPrivateCrtKey) f.generatePrivate(
                    new java.security.spec.PKCS8EncodedKeySpec(Base64.getDecoder().decode(b64)));
            var pub = f.generatePublic(new java.security.spec.RSAPublicKeySpec(priv.getModulus(), priv.getPublicExponent()));
            return new KeyPair(pub, priv);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalArgumentException("not an RSA PKCS#8 private key", e);
        }
    }

    public String publicKeyPem() {
        return "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(keys.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
    }

    /** The signing half, for a service under test that issues tokens itself (identity). */
    public String privateKeyPem() {
        return "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(keys.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
    }

    public String issuer() {
        return issuer;
    }

    /** A valid token for 10 minutes. */
    public String token(String subject, String org, String... groups) {
        return sign(claims(subject, org, Claims.AUDIENCE, Instant.now().plusSeconds(600), groups), keys.getPrivate());
    }

    public String expired(String subject, String org, String... groups) {
        return sign(claims(subject, org, Claims.AUDIENCE, Instant.now().minusSeconds(3600), groups), keys.getPrivate());
    }

    public String wronglySigned(String subject, String org, String... groups) {
        return sign(claims(subject, org, Claims.AUDIENCE, Instant.now().plusSeconds(600), groups), stranger.getPrivate());
    }

    public String wrongAudience(String subject, String org, String... groups) {
        return sign(claims(subject, org, "someone-else", Instant.now().plusSeconds(600), groups), keys.getPrivate());
    }

    public String algNone(String subject, String org, String... groups) {
        String header = b64("{\"alg\":\"none\",\"typ\":\"JWT\"}");
        return header + "." + b64(claims(subject, org, Claims.AUDIENCE, Instant.now().plusSeconds(600), groups)) + ".";
    }

    /** A string claim of a token (e.g. its jti, to revoke it), read without verifying it. */
    public static String claim(String jwt, String name) {
        String payload = new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"" + java.util.regex.Pattern.quote(name) + "\":\"([^\"]+)\"").matcher(payload);
        if (!m.find()) {
            throw new IllegalArgumentException("no string claim " + name + " in " + payload);
        }
        return m.group(1);
    }

    private String claims(String subject, String org, String audience, Instant expiry, String... groups) {
        long now = Instant.now().getEpochSecond();
        StringBuilder g = new StringBuilder();
        for (String group : List.of(groups)) {
            g.append(g.length() == 0 ? "" : ",").append('"').append(group).append('"');
        }
        return "{\"iss\":\"" + issuer + "\",\"aud\":\"" + audience + "\",\"sub\":\"" + subject + "\",\"upn\":\""
                + subject + "\",\"" + Claims.ORG + "\":\"" + org + "\",\"" + Claims.GROUPS + "\":[" + g
                + "],\"iat\":" + (now - 5) + ",\"exp\":" + expiry.getEpochSecond() + ",\"jti\":\"" + UUID.randomUUID() + "\"}";
    }

    private static String sign(String claims, PrivateKey key) {
        String input = b64("{\"alg\":\"RS256\",\"typ\":\"JWT\"}") + "." + b64(claims);
        try {
            Signature s = Signature.getInstance("SHA256withRSA");
            s.initSign(key);
            s.update(input.getBytes(StandardCharsets.US_ASCII));
            return input + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(s.sign());
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static KeyPair rsa() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            return g.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
