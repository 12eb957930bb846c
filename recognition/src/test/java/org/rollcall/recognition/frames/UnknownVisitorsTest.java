package org.rollcall.recognition.frames;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Finding (medium, issue 16): "people who never consented are embedded, clustered (2,000 per org,
 * no expiry)". Now nothing is kept of an unknown face unless the operator sets a retention, and
 * then a visitor is forgotten that long after it was last seen.
 */
class UnknownVisitorsTest {
    static final float[] FACE = unit(1, 0, 0);
    static final float[] SAME_FACE = unit(0.99f, 0.1f, 0);

    static float[] unit(float... v) {
        double n = 0;
        for (float x : v) {
            n += x * x;
        }
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (float) (v[i] / Math.sqrt(n));
        }
        return out;
    }

    @Test
    void withoutARetentionAnUnknownFaceGetsNoVisitorId() {
        UnknownVisitors off = new UnknownVisitors(Duration.ZERO);
        assertFalse(off.enabled());
        assertNull(off.assign("org", FACE, 0));
    }

    @Test
    void aVisitorIsRecognisedWithinTheRetentionAndForgottenAfterIt() {
        UnknownVisitors hour = new UnknownVisitors(Duration.ofHours(1));
        String first = hour.assign("org", FACE, 0);
        assertNotNull(first);
        assertEquals(first, hour.assign("org", SAME_FACE, Duration.ofMinutes(59).toMillis()), "seen again within the hour");
        long later = Duration.ofMinutes(59).toMillis() + Duration.ofHours(1).toMillis() + 1;
        assertNotEquals(first, hour.assign("org", FACE, later), "forgotten an hour after it was last seen");
    }
}
