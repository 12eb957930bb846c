package org.rollcall.identity.live;

import java.time.Instant;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.rollcall.events.Claims;
import org.rollcall.security.OpenToken;
import org.rollcall.security.RevokedTokens;

/**
 * Who watches a live page, remembered from the token the WebSocket opened with: re-checked at
 * every message (expired or revoked closes the socket), and what it may see — an admin the whole
 * organization, anyone else only their own recognitions and check-ins.
 */
record Watcher(String orgId, String personId, boolean seesOrganization, OpenToken token) {

    static Watcher of(JsonWebToken jwt) {
        return new Watcher(jwt.getClaim(Claims.ORG), jwt.getSubject(), jwt.getGroups().contains(Claims.Roles.ADMIN), OpenToken.of(jwt));
    }

    /** Still allowed to receive anything at {@code now}. */
    boolean valid(Instant now, RevokedTokens revoked) {
        return token.valid(now, revoked);
    }

    /** May see this organization's event about {@code person} (null: an unknown face). */
    boolean sees(String org, String person) {
        return orgId.equals(org) && (seesOrganization || (person != null && person.equals(personId)));
    }
}
