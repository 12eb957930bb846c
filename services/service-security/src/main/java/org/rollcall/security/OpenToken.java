package org.rollcall.security;

import java.time.Instant;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The token a long-lived connection (a WebSocket) opened with, kept to check again at every
 * message: it ends when the token expires or is revoked, not only at the handshake.
 */
public record OpenToken(String tokenId, String subject, long issuedAt, long expiresAt) {

    public static OpenToken of(JsonWebToken jwt) {
        return new OpenToken(jwt.getTokenID(), jwt.getSubject(), jwt.getIssuedAtTime(), jwt.getExpirationTime());
    }

    /** Still good at {@code now}: not expired, not revoked. */
    public boolean valid(Instant now, RevokedTokens revoked) {
        return now.getEpochSecond() < expiresAt && !revoked.refuses(tokenId, subject, issuedAt);
    }
}
