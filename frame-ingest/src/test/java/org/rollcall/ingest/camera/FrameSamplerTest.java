package org.rollcall.ingest.camera;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

class FrameSamplerTest {
    private static int published(FrameSampler sampler, long[] arrivals) {
        int n = 0;
        for (long t : arrivals) {
            if (sampler.due(t)) {
                n++;
            }
        }
        return n;
    }

    @Test
    void aCameraAtTheConfiguredRateWithJitterLosesNoFrame() {
        // 5 fps frames arriving up to 3 ms early or late: a strict "not before the slot" rule would drop about half
        Random rnd = new Random(1);
        long[] arrivals = new long[500];
        for (int i = 0; i < arrivals.length; i++) {
            arrivals[i] = 10_000 + i * 200L + rnd.nextInt(7) - 3;
        }
        assertEquals(500, published(new FrameSampler(5), arrivals));
    }

    @Test
    void aFasterCameraIsSampledDownToTheConfiguredRate() {
        long[] arrivals = new long[25 * 60];
        for (int i = 0; i < arrivals.length; i++) {
            arrivals[i] = i * 40L; // 25 fps for a minute
        }
        assertEquals(5 * 60, published(new FrameSampler(5), arrivals), 1);
    }

    @Test
    void aStallDoesNotTurnIntoABurst() {
        FrameSampler s = new FrameSampler(5);
        assertEquals(true, s.due(0));
        // nothing for 5 s, then frames every 40 ms: the frame that ends the stall, one missed slot
        // caught up, then the rate again; never the 25 slots the stall missed
        int burst = 0;
        for (long t = 5000; t < 6000; t += 40) {
            if (s.due(t)) {
                burst++;
            }
        }
        assertEquals(7, burst);
    }
}
