package org.rollcall.events.kafka;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.rollcall.events.EventCodec;
import org.rollcall.events.MalformedEventException;
import org.rollcall.events.Revocation;

class RevocationListTest {
    static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z");
    final EventCodec codec = new EventCodec();
    final RevocationList list = new RevocationList(Clock.fixed(NOW, ZoneOffset.UTC));

    void apply(Revocation r) {
        list.apply(r.key(), codec.encode(r));
    }

    @Test
    void aSignedOutTokenIsRefusedAndNoOtherOfTheSameUser() {
        apply(Revocation.token("jti-1", NOW.plusSeconds(600)));
        assertTrue(list.refuses("jti-1", "u-1", NOW.getEpochSecond() - 60));
        assertFalse(list.refuses("jti-2", "u-1", NOW.getEpochSecond() - 60));
    }

    @Test
    void aDisabledUsersTokensIssuedUntilThenAreRefusedLaterOnesAccepted() {
        apply(Revocation.subject("u-1", NOW, Duration.ofMinutes(15)));
        assertTrue(list.refuses("any", "u-1", NOW.getEpochSecond() - 300));
        assertTrue(list.refuses("any", "u-1", NOW.getEpochSecond()), "the same second counts as before");
        assertFalse(list.refuses("any", "u-1", NOW.getEpochSecond() + 1), "re-enabled: a token issued afterwards");
        assertFalse(list.refuses("any", "u-2", NOW.getEpochSecond() - 300));
    }

    @Test
    void anOlderRevocationOfTheSameSubjectDoesNotShortenALaterOne() {
        apply(Revocation.subject("u-1", NOW, Duration.ofMinutes(15)));
        apply(Revocation.subject("u-1", NOW.minusSeconds(100), Duration.ofMinutes(15)));
        assertTrue(list.refuses(null, "u-1", NOW.getEpochSecond() - 10));
    }

    @Test
    void revocationsPastTheirTokensLifeAreForgottenAndTombstonesForget() {
        apply(Revocation.token("old", NOW.minusSeconds(1)));
        assertFalse(list.refuses("old", "u-1", 0), "every token it covered has expired anyway");
        Revocation r = Revocation.token("jti-1", NOW.plusSeconds(600));
        apply(r);
        list.apply(r.key(), null);
        assertFalse(list.refuses("jti-1", "u-1", 0));
    }

    @Test
    void aRevocationNamesExactlyOneOfTokenAndSubject() {
        assertThrows(MalformedEventException.class, () -> new Revocation(1, "j", "u", NOW, NOW));
        assertThrows(MalformedEventException.class, () -> new Revocation(1, null, null, NOW, NOW));
        assertThrows(MalformedEventException.class, () -> new Revocation(1, null, "u", null, NOW));
    }
}
