package org.rollcall.tools.face;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The threshold choice alone, on impostor scores laid out by hand. */
class CalibrateCommandTest {
    /** 1,000 impostor scores: 990 far below, then one each at 0.31, 0.33, ..., 0.49. */
    private static List<Float> impostors() {
        List<Float> s = new ArrayList<>();
        for (int i = 0; i < 990; i++) {
            s.add(0.05f);
        }
        for (int i = 0; i < 10; i++) {
            s.add(0.31f + 0.02f * i);
        }
        return s;
    }

    @Test
    void theLowestThresholdAtOrBelowTheTargetRate() {
        // at 0.46: 0.47 and 0.49 remain (2 in 1,000); at 0.48 one remains
        assertEquals(0.46f, CalibrateCommand.lowestThreshold(impostors(), 0.002), 1e-6);
        assertEquals(0.48f, CalibrateCommand.lowestThreshold(impostors(), 0.001), 1e-6);
        assertEquals(0.50f, CalibrateCommand.lowestThreshold(impostors(), 0.0005), 1e-6);
    }

    @Test
    void aPairScoringExactlyTheThresholdCountsAsAMatch() {
        List<Float> s = new ArrayList<>(List.of(0.40f));
        for (int i = 0; i < 99; i++) {
            s.add(0f);
        }
        assertEquals(0.41f, CalibrateCommand.lowestThreshold(s, 0.005), 1e-6);
    }

    @Test
    void noThresholdOnTheGridWhenImpostorsScoreTooHigh() {
        assertNull(CalibrateCommand.lowestThreshold(List.of(0.9f, 0.8f), 0.001));
    }
}
