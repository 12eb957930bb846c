package org.rollcall.face.embed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The least-squares similarity transform that aligns five landmarks, and the vector maths of embeddings. */
class AlignmentMathTest {
    /** Applies scale s, rotation theta and translation (tx, ty) to the reference points. */
    private static float[] transformed(double s, double theta, double tx, double ty) {
        float[] ref = FaceAligner.REFERENCE_POINTS;
        float[] out = new float[ref.length];
        for (int i = 0; i < ref.length; i += 2) {
            double x = ref[i];
            double y = ref[i + 1];
            out[i] = (float) (s * (Math.cos(theta) * x - Math.sin(theta) * y) + tx);
            out[i + 1] = (float) (s * (Math.sin(theta) * x + Math.cos(theta) * y) + ty);
        }
        return out;
    }

    @ParameterizedTest(name = "scale {0}, rotation {1} rad, shift ({2},{3})")
    @CsvSource({"1, 0, 0, 0", "2, 0, 10, 20", "0.5, 0.3, -40, 7", "3.2, -0.6, 300, 200", "1.7, 1.2, 0, 0", "0.9, 3.0, 55, -12"})
    void theTransformMapsAFaceExactlyOntoTheReference(double s, double theta, double tx, double ty) {
        float[] face = transformed(s, theta, tx, ty);
        double[] m = FaceAligner.similarity(face, FaceAligner.REFERENCE_POINTS);
        assertEquals(m[0], m[4], 1e-9, "a similarity has equal diagonal terms");
        assertEquals(-m[1], m[3], 1e-9);
        assertEquals(1 / s, Math.hypot(m[0], m[3]), 1e-4, "inverse scale");
        for (int i = 0; i < face.length; i += 2) {
            double x = m[0] * face[i] + m[1] * face[i + 1] + m[2];
            double y = m[3] * face[i] + m[4] * face[i + 1] + m[5];
            assertEquals(FaceAligner.REFERENCE_POINTS[i], x, 1e-2, "point " + i / 2 + " x");
            assertEquals(FaceAligner.REFERENCE_POINTS[i + 1], y, 1e-2, "point " + i / 2 + " y");
        }
    }

    @Test
    void noisyLandmarksGiveTheLeastSquaresFit() {
        float[] face = transformed(2, 0.1, 30, 40);
        face[0] += 3; // one eye off by 3 px: the fit spreads the error instead of following it
        double[] m = FaceAligner.similarity(face, FaceAligner.REFERENCE_POINTS);
        double exact = Math.hypot(m[0], m[3]);
        assertEquals(0.5, exact, 0.02);
    }

    @Test
    void landmarksOnOnePointAreRefused() {
        float[] same = new float[10];
        java.util.Arrays.fill(same, 5f);
        assertThrows(IllegalArgumentException.class, () -> FaceAligner.similarity(same, FaceAligner.REFERENCE_POINTS));
    }

    @Test
    void normalisationGivesUnitLengthAndLeavesZeroAlone() {
        float[] v = {3, 4};
        Embedder.normalize(v);
        assertArrayEquals(new float[] {0.6f, 0.8f}, v, 1e-6f);
        float[] zero = {0, 0};
        Embedder.normalize(zero);
        assertArrayEquals(new float[] {0, 0}, zero);
    }

    @Test
    void cosineOfUnitVectorsIsTheirDotProduct() {
        assertEquals(1f, Embedder.cosine(new float[] {0.6f, 0.8f}, new float[] {0.6f, 0.8f}), 1e-6f);
        assertEquals(0f, Embedder.cosine(new float[] {1, 0}, new float[] {0, 1}), 1e-6f);
        assertEquals(-1f, Embedder.cosine(new float[] {1, 0}, new float[] {-1, 0}), 1e-6f);
        assertEquals(0.6f, Embedder.cosine(new float[] {1, 0}, new float[] {0.6f, 0.8f}), 1e-6f);
    }
}
