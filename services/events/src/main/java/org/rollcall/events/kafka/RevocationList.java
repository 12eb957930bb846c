package org.rollcall.events.kafka;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.rollcall.events.EventCodec;
import org.rollcall.events.Revocation;
import org.rollcall.events.Topics;

/**
 * The tokens this service must refuse although their signature and expiry are fine: signed out,
 * of a disabled or erased user, of a revoked API key. Built from {@link Topics#REVOCATIONS}
 * (followed whole, from the beginning, by every instance) and asked on every authenticated
 * request and WebSocket message; a lookup is two map reads.
 */
public final class RevocationList implements AutoCloseable {
    private final Map<String, Instant> tokens = new ConcurrentHashMap<>();
    /** subject -> [issuedUntil, until] */
    private final Map<String, Instant[]> subjects = new ConcurrentHashMap<>();
    private final EventCodec codec = new EventCodec();
    private final Clock clock;
    private CompactedTopicFollower follower;

    public RevocationList(Clock clock) {
        this.clock = clock;
    }

    /** Follows the revocations topic on {@code kafka}. */
    public static RevocationList following(KafkaConnection kafka) {
        RevocationList list = new RevocationList(Clock.systemUTC());
        list.follower = new CompactedTopicFollower(Topics.REVOCATIONS, kafka, list::apply).start();
        return list;
    }

    /** One record of the topic (a tombstone forgets its key). */
    public void apply(String key, byte[] value) {
        if (value == null) {
            if (key != null && key.startsWith("jti/")) {
                tokens.remove(key.substring(4));
            } else if (key != null && key.startsWith("sub/")) {
                subjects.remove(key.substring(4));
            }
            return;
        }
        Revocation r = codec.decode(value, Revocation.class);
        Instant now = clock.instant();
        if (r.until().isBefore(now)) {
            return;
        }
        if (r.tokenId() != null) {
            tokens.put(r.tokenId(), r.until());
        } else {
            // a later revocation of the same subject covers more tokens; never shorten one
            subjects.merge(r.subject(), new Instant[] {r.issuedUntil(), r.until()},
                    (old, neu) -> old[0].isAfter(neu[0]) ? old : neu);
        }
        tokens.values().removeIf(u -> u.isBefore(now));
        subjects.values().removeIf(s -> s[1].isBefore(now));
    }

    /**
     * True when a token with this id, subject and issue time (epoch seconds) is revoked.
     * Issue times are whole seconds: a token issued in the same second as the revocation is refused too.
     */
    public boolean refuses(String tokenId, String subject, long issuedAtSeconds) {
        if (tokenId != null && tokens.containsKey(tokenId)) {
            return true;
        }
        Instant[] s = subject == null ? null : subjects.get(subject);
        return s != null && issuedAtSeconds <= s[0].getEpochSecond();
    }

    /** Loaded to the end of the topic seen at start (readiness: until then a revoked token could pass). */
    public boolean caughtUp() {
        return follower == null || follower.caughtUp();
    }

    public boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
        return follower == null || follower.awaitCaughtUp(timeout);
    }

    @Override
    public void close() {
        if (follower != null) {
            follower.close();
        }
    }
}
