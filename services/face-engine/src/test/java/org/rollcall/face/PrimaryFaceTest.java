package org.rollcall.face;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rollcall.face.detect.Box;
import org.rollcall.face.detect.Detection;
import org.rollcall.face.quality.Quality;

/** Which face an enrollment or a 1:1 comparison means when a photo has several. */
class PrimaryFaceTest {
    private static Face face(int index, float size, float score) {
        return new Face(index, new Detection(new Box(index * 500, 0, index * 500 + size, size), score), null, null, null, null);
    }

    /** A face of this overall quality; {@code pose} and {@code sharpness} make it up with full size. */
    private static Face face(int index, float size, float score, float sharpness, float pose) {
        float overall = (float) Math.cbrt(sharpness * pose);
        Quality q = new Quality(overall, 1f, sharpness, pose, 40f, sharpness * 150, 1 - pose);
        return new Face(index, new Detection(new Box(index * 500, 0, index * 500 + size, size), score), null, null, null, q);
    }

    private static FaceAnalysis of(Face... faces) {
        return new FaceAnalysis(2000, 2000, List.of(faces), null);
    }

    @Test
    void noFaceNoPrimary() {
        assertTrue(of().primary().isEmpty());
    }

    @Test
    void theOnlyFaceIsPrimary() {
        assertEquals(0, of(face(0, 50, 0.6f)).primary().orElseThrow().index());
    }

    @Test
    void amongEquallyConfidentFacesTheLargestWins() {
        assertEquals(1, of(face(0, 100, 0.95f), face(1, 200, 0.95f), face(2, 150, 0.95f)).primary().orElseThrow().index());
    }

    @Test
    void aLargeButClearlyLessConfidentDetectionDoesNotWin() {
        assertEquals(0, of(face(0, 100, 0.95f), face(1, 400, 0.89f)).primary().orElseThrow().index());
    }

    @Test
    void withinTheScoreSlackSizeDecides() {
        assertEquals(1, of(face(0, 100, 0.95f), face(1, 400, 0.91f)).primary().orElseThrow().index());
        assertEquals(1, of(face(0, 100, 0.95f), face(1, 400, 0.95f - FaceAnalysis.PRIMARY_SCORE_SLACK)).primary().orElseThrow().index());
    }

    @Test
    void aLargeTurnedAwayBlurredDetectionDoesNotBeatAClearFrontalFaceOfSimilarScore() {
        Face clear = face(0, 100, 0.97f, 1f, 0.95f);
        Face large = face(1, 300, 0.98f, 0.2f, 0.3f); // overall 0.39 against 0.98
        assertEquals(0, of(clear, large).primary().orElseThrow().index());
        assertEquals(0, of(large, clear).primary().orElseThrow().index(), "whatever the order");
    }

    @Test
    void aLargerFaceOfComparableQualityStillWinsOverASharperSmallerOne() {
        // the person a photo is about is nearest the camera, even slightly turned: 0.46 against 0.79 is comparable
        Face subject = face(0, 79, 1f, 1f, 0.1f);
        Face bystander = face(1, 73, 0.999f, 1f, 0.49f);
        assertTrue(subject.quality().overall() >= FaceAnalysis.PRIMARY_QUALITY_RATIO * bystander.quality().overall());
        assertEquals(0, of(subject, bystander).primary().orElseThrow().index());
    }

    @Test
    void qualityOnlyComparesConfidentFaces() {
        // a crisp but unconfident detection neither wins nor raises the bar for the confident ones
        Face confident = face(0, 100, 0.99f, 0.4f, 0.4f);
        Face doubtful = face(1, 60, 0.70f, 1f, 1f);
        assertEquals(0, of(confident, doubtful).primary().orElseThrow().index());
    }

    @Test
    void theFirstOfTwoIdenticalFacesIsKept() {
        assertEquals(0, of(face(0, 100, 0.9f), face(1, 100, 0.9f)).primary().orElseThrow().index());
    }

    @Test
    void theOrderOfDetectionsDoesNotMatter() {
        List<Face> faces = new ArrayList<>(List.of(face(0, 120, 0.8f), face(1, 300, 0.99f), face(2, 280, 0.97f), face(3, 500, 0.5f)));
        for (int r = 0; r < faces.size(); r++) {
            java.util.Collections.rotate(faces, 1);
            assertEquals(1, new FaceAnalysis(2000, 2000, List.copyOf(faces), null).primary().orElseThrow().index());
        }
    }
}
