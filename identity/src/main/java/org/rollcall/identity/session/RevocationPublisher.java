package org.rollcall.identity.session;

import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.Record;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.jboss.logging.Logger;
import org.rollcall.events.EventCodec;
import org.rollcall.events.Revocation;
import org.rollcall.identity.IdentityConfig;
import org.rollcall.identity.ServiceUnavailable;

/**
 * Tells every other service which tokens to refuse before they expire (rollcall.revocations.v1,
 * channel {@code revocations}): attendance, recognition and frame-ingest follow the topic, and so
 * do this service's live-page sockets.
 */
@ApplicationScoped
public class RevocationPublisher {
    private static final Logger LOG = Logger.getLogger(RevocationPublisher.class);
    private static final Duration ACK_TIMEOUT = Duration.ofSeconds(15);

    private final MutinyEmitter<Record<String, byte[]>> revocations;
    private final IdentityConfig config;
    private final EventCodec codec = new EventCodec();

    public RevocationPublisher(@Channel("revocations") MutinyEmitter<Record<String, byte[]>> revocations, IdentityConfig config) {
        this.revocations = revocations;
        this.config = config;
    }

    /**
     * Sign-out: the user's session ends here at once (identity's own table) whatever the broker
     * does; the other services learn it as soon as the producer delivers it (it retries).
     */
    public void signedOut(String tokenId, Instant expiresAt) {
        Revocation r = Revocation.token(tokenId, expiresAt);
        revocations.send(Record.of(r.key(), codec.encode(r))).subscribe().with(x -> { },
                e -> LOG.warnf("sign-out of token %s not published: %s", tokenId, e.getMessage()));
    }

    /**
     * Every token of {@code subject} issued until now (a disabled user, a revoked API key). Waits
     * for the broker: when it does not take it, the caller's transaction rolls back and nothing changed.
     */
    public void allTokensOf(String subject) {
        Duration longest = config.sessionTokenTtl().compareTo(config.apiTokenTtl()) > 0 ? config.sessionTokenTtl() : config.apiTokenTtl();
        Revocation r = Revocation.subject(subject, Instant.now(), longest);
        try {
            revocations.send(Record.of(r.key(), codec.encode(r))).await().atMost(ACK_TIMEOUT);
        } catch (RuntimeException e) {
            throw new ServiceUnavailable("the services cannot be told right now; nothing was changed, try again");
        }
    }
}
