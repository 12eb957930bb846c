package org.rollcall.face.track;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The decision rule and when a decision is said, on hand-made votes. */
class TrackDecisionsTest {
    private final TrackDecisions d = new TrackDecisions(300_000);

    @Test
    void aKnownPersonsFirstClearFrameNamesTheTrackAtOnce() {
        d.vote("t1", "alice", 0.9f);
        assertEquals("alice", d.decide("t1", "alice"));
        assertEquals(new TrackDecisions.Publication("alice", TrackDecisions.Reason.FIRST), d.publish("t1", "alice", 0));
    }

    @Test
    void oneResemblingFrameCannotNameAStrangersTrack() {
        d.vote("t1", null, 0.8f);
        d.vote("t1", "alice", 0.8f); // the stranger turns and looks like Alice for a frame
        assertNull(d.decide("t1", "alice"), "half of the evidence is not a majority");
        d.vote("t1", null, 0.7f);
        assertNull(d.decide("t1", "alice"));
    }

    @Test
    void aSingleFrameAgainstContraryEvidenceDoesNotNameEvenWhenItIsSharper() {
        d.vote("t1", null, 0.4f);
        d.vote("t1", "alice", 0.9f); // most of the weight, but one frame against another
        assertNull(d.decide("t1", "alice"));
        d.vote("t1", "alice", 0.8f);
        assertEquals("alice", d.decide("t1", "alice"), "two frames agree and carry most of the weight");
    }

    @Test
    void theMajorityIsByQualityWeight() {
        d.vote("t1", "bob", 0.01f); // floored at 0.05
        d.vote("t1", "bob", 0.01f);
        d.vote("t1", null, 0.2f);
        assertNull(d.decide("t1", "bob"), "two poor frames do not outweigh one clear one");
    }

    @Test
    void theMeanMustNameThePersonToo() {
        d.vote("t1", "alice", 0.9f);
        assertNull(d.decide("t1", null), "below the threshold on the mean stays unknown whatever the votes");
        assertNull(d.decide("t-none", "alice"), "a track without evidence is unknown");
    }

    @Test
    void publishedOnFirstDecisionOnChangeAndAsARefreshOnly() {
        assertEquals(TrackDecisions.Reason.FIRST, d.publish("t1", null, 1_000).reason());
        assertNull(d.publish("t1", null, 2_000), "the same decision again says nothing");
        assertEquals(new TrackDecisions.Publication("alice", TrackDecisions.Reason.CHANGED), d.publish("t1", "alice", 3_000));
        assertNull(d.publish("t1", "alice", 302_999));
        assertEquals(TrackDecisions.Reason.REFRESH, d.publish("t1", "alice", 303_000).reason());
        assertEquals(TrackDecisions.Reason.CHANGED, d.publish("t1", null, 303_001).reason(), "back to unknown is a change");
    }

    @Test
    void endedTracksAreForgotten() {
        d.publish("t1", null, 0);
        d.publish("t2", null, 0);
        d.retain("t2"::equals);
        assertEquals(1, d.size());
        assertEquals(TrackDecisions.Reason.FIRST, d.publish("t1", null, 1).reason(), "a forgotten track starts over");
    }

    @Test
    void theRefreshMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> new TrackDecisions(0));
    }

    /** Found by the WAN outage run: a check-out visit decided at liveness 0.41 was never said again. */
    @Test
    void aNamedTrackIsSaidAgainWhenItsLivenessRisesNotWhenItWavers() {
        d.vote("t1", "alice", 0.9f);
        assertEquals(TrackDecisions.Reason.FIRST, d.publish("t1", "alice", 0, 0.41).reason());
        assertNull(d.publish("t1", "alice", 1_000, 0.50), "a small rise is not news");
        assertEquals(new TrackDecisions.Publication("alice", TrackDecisions.Reason.LIVENESS), d.publish("t1", "alice", 3_000, 0.62));
        assertNull(d.publish("t1", "alice", 6_000, 0.70), "measured from the last publication");
        assertNull(d.publish("t1", "alice", 9_000, 0.40), "a fall is not said (attendance keeps what it accepted)");
        d.vote("t2", null, 0.9f);
        assertEquals(TrackDecisions.Reason.FIRST, d.publish("t2", null, 0, 0.2).reason());
        assertNull(d.publish("t2", null, 3_000, 0.9), "an unknown face's liveness does not matter to attendance");
        d.vote("t3", "bob", 0.9f);
        assertEquals(TrackDecisions.Reason.FIRST, d.publish("t3", "bob", 0, null).reason());
        assertNull(d.publish("t3", "bob", 3_000, 0.9), "no liveness measured before: nothing to compare");
    }
}
