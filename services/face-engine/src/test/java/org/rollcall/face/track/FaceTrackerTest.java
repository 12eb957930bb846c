package org.rollcall.face.track;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.rollcall.face.detect.Box;

/** Tracks across frames: who continues, who is new, when to embed again, how evidence adds up. */
class FaceTrackerTest {
    static final TrackerConfig CONFIG = TrackerConfig.DEFAULT; // IoU 0.3, age 1500 ms, gain 0.15, re-embed 3000 ms

    private static Box box(float x, float y) {
        return new Box(x, y, x + 100, y + 100);
    }

    private static float[] q(float... qualities) {
        return qualities;
    }

    @Test
    void newFacesStartTracksThatMustBeEmbedded() {
        FaceTracker t = new FaceTracker("cam", CONFIG);
        List<TrackedFace> faces = t.assign(0, List.of(box(0, 0), box(300, 0)), q(0.5f, 0.5f));
        assertEquals(2, faces.size());
        assertEquals(List.of("cam-t1", "cam-t2"), faces.stream().map(TrackedFace::trackId).toList());
        assertTrue(faces.stream().allMatch(f -> f.embedNow() && f.newTrack()));
        assertEquals(List.of(0, 1), faces.stream().map(TrackedFace::detectionIndex).toList());
        assertEquals(2, t.activeTracks());
    }

    @Test
    void aFaceThatMovesALittleContinuesItsTrackWithoutANewEmbedding() {
        FaceTracker t = new FaceTracker("cam", CONFIG);
        String id = t.assign(0, List.of(box(0, 0)), q(0.5f)).get(0).trackId();
        t.addEmbedding(id, new float[] {1, 0}, 0.5f, 0);
        TrackedFace next = t.assign(200, List.of(box(10, 5)), q(0.5f)).get(0);
        assertEquals(id, next.trackId());
        assertFalse(next.embedNow());
        assertFalse(next.newTrack());
    }

    @ParameterizedTest(name = "quality {0} after 0.5 -> embed again: {1}")
    @CsvSource({"0.64, false", "0.65, false", "0.66, true", "0.9, true", "0.2, false"})
    void clearlyBetterQualityIsEmbeddedAgain(float quality, boolean embed) {
        FaceTracker t = new FaceTracker("cam", CONFIG);
        String id = t.assign(0, List.of(box(0, 0)), q(0.5f)).get(0).trackId();
        t.addEmbedding(id, new float[] {1, 0}, 0.5f, 0);
        assertEquals(embed, t.assign(100, List.of(box(0, 0)), q(quality)).get(0).embedNow());
    }

    @ParameterizedTest(name = "{0} ms after the last embedding -> embed again: {1}")
    @CsvSource({"1000, false", "2999, false", "3000, true", "4000, true"})
    void aStayingFaceIsEmbeddedAgainAfterTheInterval(long later, boolean embed) {
        FaceTracker t = new FaceTracker("cam", CONFIG);
        String id = t.assign(0, List.of(box(0, 0)), q(0.5f)).get(0).trackId();
        t.addEmbedding(id, new float[] {1, 0}, 0.5f, 0);
        // keep the track alive with frames every second
        for (long ms = 1000; ms < later; ms += 1000) {
            t.assign(ms, List.of(box(0, 0)), q(0.5f));
        }
        assertEquals(embed, t.assign(later, List.of(box(0, 0)), q(0.5f)).get(0).embedNow());
    }

    @Test
    void aTrackNotSeenForItsMaximumAgeEnds() {
        FaceTracker t = new FaceTracker("cam", CONFIG);
        String first = t.assign(0, List.of(box(0, 0)), q(0.5f)).get(0).trackId();
        assertEquals(first, t.assign(1500, List.of(box(0, 0)), q(0.5f)).get(0).trackId(), "1500 ms is still the same track");
        TrackedFace later = t.assign(3001, List.of(box(0, 0)), q(0.5f)).get(0);
        assertNotEquals(first, later.trackId());
        assertTrue(later.newTrack());
        assertEquals(1, t.activeTracks());
    }

    @Test
    void aDetectionThatOverlapsTooLittleStartsANewTrack() {
        FaceTracker t = new FaceTracker("cam", CONFIG);
        String first = t.assign(0, List.of(box(0, 0)), q(0.5f)).get(0).trackId();
        // IoU of boxes shifted by 60 px: 40*100 / (2*10000 - 4000) = 0.25 < 0.3
        TrackedFace moved = t.assign(100, List.of(box(60, 0)), q(0.5f)).get(0);
        assertNotEquals(first, moved.trackId());
        // shifted by 50 px: 50*100 / 15000 = 0.33 >= 0.3
        FaceTracker u = new FaceTracker("cam", CONFIG);
        String id = u.assign(0, List.of(box(0, 0)), q(0.5f)).get(0).trackId();
        assertEquals(id, u.assign(100, List.of(box(50, 0)), q(0.5f)).get(0).trackId());
    }

    @Test
    void twoFacesKeepTheirTracksWhicheverOrderTheDetectorListsThem() {
        FaceTracker t = new FaceTracker("cam", CONFIG);
        List<TrackedFace> first = t.assign(0, List.of(box(0, 0), box(80, 0)), q(0.5f, 0.5f));
        // swapped order, each moved 10 px right: the best-overlap pairs win, not the first listed
        List<TrackedFace> second = t.assign(100, List.of(box(90, 0), box(10, 0)), q(0.5f, 0.5f));
        assertEquals(first.get(1).trackId(), second.get(0).trackId());
        assertEquals(first.get(0).trackId(), second.get(1).trackId());
        assertEquals(List.of(0, 1), second.stream().map(TrackedFace::detectionIndex).toList(), "sorted by detection");
    }

    @Test
    void identityIsTheQualityWeightedMeanOfATracksEmbeddings() {
        FaceTracker t = new FaceTracker("cam", CONFIG);
        String id = t.assign(0, List.of(box(0, 0)), q(0.5f)).get(0).trackId();
        assertNull(t.identityEmbedding(id));
        assertEquals(0, t.embeddingCount(id));
        t.addEmbedding(id, new float[] {1, 0}, 0.9f, 0);
        t.addEmbedding(id, new float[] {0, 1}, 0.3f, 100);
        float[] v = t.identityEmbedding(id);
        double n = Math.hypot(0.9, 0.3);
        assertArrayEquals(new float[] {(float) (0.9 / n), (float) (0.3 / n)}, v, 1e-6f);
        assertEquals(2, t.embeddingCount(id));
        assertEquals(2, t.embeddings());
    }

    @Test
    void aZeroQualityEmbeddingStillCountsALittle() {
        FaceTracker t = new FaceTracker("cam", CONFIG);
        String id = t.assign(0, List.of(box(0, 0)), q(0f)).get(0).trackId();
        t.addEmbedding(id, new float[] {1, 0}, 1.0f, 0);
        t.addEmbedding(id, new float[] {0, 1}, 0f, 0);
        float[] v = t.identityEmbedding(id);
        double n = Math.hypot(1, 0.05);
        assertArrayEquals(new float[] {(float) (1 / n), (float) (0.05 / n)}, v, 1e-6f);
    }

    @Test
    void embeddingsForEndedOrUnknownTracksAreIgnored() {
        FaceTracker t = new FaceTracker("cam", CONFIG);
        t.addEmbedding("cam-t99", new float[] {1, 0}, 1f, 0);
        assertEquals(0, t.embeddings());
        assertEquals(0, t.embeddingCount("cam-t99"));
        assertNull(t.identityEmbedding("cam-t99"));
    }

    @Test
    void theReembedRatioCountsEmbeddingsPerDetection() {
        FaceTracker t = new FaceTracker("cam", CONFIG);
        assertEquals(0.0, t.reembedRatio());
        for (int frame = 0; frame < 10; frame++) {
            for (TrackedFace f : t.assign(frame * 100L, List.of(box(0, 0), box(300, 300)), q(0.5f, 0.5f))) {
                if (f.embedNow()) {
                    t.addEmbedding(f.trackId(), new float[] {1, 0}, 0.5f, frame * 100L);
                }
            }
        }
        assertEquals(2.0 / 20, t.reembedRatio(), 1e-9);
    }
}
