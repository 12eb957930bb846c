package org.rollcall.identity.live;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.rollcall.events.Claims;
import org.rollcall.security.RevokedTokens;

/**
 * The live page's event stream (/ws/live): the session cookie authenticates it, the Origin must
 * be this portal (no cross-site WebSocket hijacking); only the caller's organization's events are
 * sent, only their own unless they are an admin, and only while their token is valid.
 */
@WebSocket(path = "/ws/live")
public class LiveSocket {
    /** Close code when the socket's token expired or was revoked (the page reconnects with its current session). */
    static final short SESSION_ENDED = 4001;

    private final LiveFeed feed;
    private final SecurityIdentity identity;
    private final JsonWebToken jwt;
    private final RevokedTokens revoked;

    public LiveSocket(LiveFeed feed, SecurityIdentity identity, JsonWebToken jwt, RevokedTokens revoked) {
        this.feed = feed;
        this.revoked = revoked;
        this.identity = identity;
        this.jwt = jwt;
    }

    @OnOpen
    public void open(WebSocketConnection connection) {
        String org = identity.isAnonymous() ? null : jwt.getClaim(Claims.ORG);
        String origin = connection.handshakeRequest().header("Origin");
        String host = connection.handshakeRequest().header("Host");
        boolean sameOrigin = origin != null && host != null && (origin.equals("http://" + host) || origin.equals("https://" + host));
        if (org == null || org.isBlank() || !sameOrigin || !Watcher.of(jwt).valid(java.time.Instant.now(), revoked)) {
            connection.close(new CloseReason(1008, "not signed in")).subscribe().with(x -> { }, x -> { });
            return;
        }
        feed.watch(connection.id(), Watcher.of(jwt));
    }

    @OnClose
    public void close(WebSocketConnection connection) {
        feed.unwatch(connection.id());
    }
}
