package org.rollcall.events;

import java.time.Instant;

/**
 * Tokens no service may accept any more, value of {@link Topics#REVOCATIONS} under {@link #key()}.
 * Published by identity at sign-out (one token), when a user is disabled or erased, and when an
 * API key is revoked (every token of the subject issued until {@code issuedUntil}); every service
 * that verifies tokens follows the topic. Tokens are short-lived, so a revocation matters only
 * until {@code until}, when the last token it covers would have expired anyway.
 *
 * @param tokenId     the token's {@code jti} (sign-out), or null
 * @param subject     the subject whose tokens issued at or before {@code issuedUntil} are refused, or null
 * @param issuedUntil with {@code subject}: tokens issued later (after re-enabling) are accepted again
 * @param until       when the revocation can be forgotten
 */
public record Revocation(int version, String tokenId, String subject, Instant issuedUntil, Instant until) {

    public static final int VERSION = 1;

    public Revocation {
        Require.version(version, VERSION, "Revocation");
        if ((tokenId == null) == (subject == null)) {
            throw new MalformedEventException("Revocation: exactly one of tokenId and subject");
        }
        if (tokenId != null) {
            Require.text(tokenId, "tokenId");
        } else {
            Require.text(subject, "subject");
            Require.present(issuedUntil, "issuedUntil");
        }
        Require.present(until, "until");
    }

    public static Revocation token(String tokenId, Instant expiresAt) {
        return new Revocation(VERSION, tokenId, null, null, expiresAt);
    }

    /** Every token of {@code subject} issued until {@code at}; {@code maxTokenLife} bounds how long that matters. */
    public static Revocation subject(String subject, Instant at, java.time.Duration maxTokenLife) {
        return new Revocation(VERSION, null, subject, at, at.plus(maxTokenLife));
    }

    public String key() {
        return tokenId != null ? "jti/" + tokenId : "sub/" + subject;
    }
}
