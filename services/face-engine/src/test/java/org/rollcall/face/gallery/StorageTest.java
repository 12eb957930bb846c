package org.rollcall.face.gallery;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.rollcall.face.embed.Embedder;
import org.rollcall.face.fixtures.ClusteredEmbeddings;

/** The gallery's storage pieces: chunked bfloat16 rows, sign codes, the dot product. */
class StorageTest {
    @ParameterizedTest(name = "dot of length {0}")
    @ValueSource(ints = {0, 1, 3, 4, 5, 7, 8, 512, 513})
    void dotMatchesTheDefinitionForEveryLengthAndOffset(int n) {
        Random rnd = new Random(n);
        float[] a = new float[n + 3];
        float[] b = new float[n];
        for (int i = 0; i < a.length; i++) {
            a[i] = rnd.nextFloat() - 0.5f;
        }
        for (int i = 0; i < n; i++) {
            b[i] = rnd.nextFloat() - 0.5f;
        }
        double expected = 0;
        for (int i = 0; i < n; i++) {
            expected += a[3 + i] * b[i];
        }
        assertEquals(expected, Dot.dot(a, 3, b, n), 1e-4);
    }

    @Test
    void rowsSurviveChunkBoundariesAndRemovalMovesTheLastRowIntoTheHole() {
        VectorStore s = new VectorStore(2);
        int n = VectorStore.ROWS_PER_CHUNK + 10;
        for (int i = 0; i < n; i++) {
            // small integers and their halves are exact in bfloat16, so rows compare exactly
            assertEquals(i, s.add(new float[] {i % 200, -(i % 200) / 2f}, 0));
        }
        assertEquals(n, s.size());
        assertEquals(2L * VectorStore.ROWS_PER_CHUNK * 2 * Short.BYTES, s.bytes());
        int inSecondChunk = VectorStore.ROWS_PER_CHUNK + 4;
        assertArrayEquals(new float[] {inSecondChunk % 200, -(inSecondChunk % 200) / 2f}, s.copy(inSecondChunk));
        assertEquals(n - 1, s.removeSwapLast(3));
        assertArrayEquals(new float[] {(n - 1) % 200, -((n - 1) % 200) / 2f}, s.copy(3));
        assertEquals(-1, s.removeSwapLast(s.size() - 1), "removing the last row moves nothing");
        assertEquals(n - 2, s.size());
        while (s.size() > VectorStore.ROWS_PER_CHUNK) {
            s.removeSwapLast(s.size() - 1);
        }
        assertEquals((long) VectorStore.ROWS_PER_CHUNK * 2 * Short.BYTES, s.bytes(), "an empty last chunk is released");
        assertEquals(3f * 1 + 4f * -0.5f, s.dot(1, new float[] {3, 4}), 1e-6);
    }

    @Test
    void bfloat16RowsKeepTheCosineOfUnitEmbeddingsWithinOneThousandth() {
        ClusteredEmbeddings faces = new ClusteredEmbeddings(Embedder.DIMENSIONS, 3);
        VectorStore s = new VectorStore(Embedder.DIMENSIONS);
        float worst = 0;
        for (int i = 0; i < 500; i++) {
            float[] centre = faces.person();
            float[] stored = faces.photo(centre);
            float[] probe = faces.photo(centre);
            int row = s.add(stored, 0);
            worst = Math.max(worst, Math.abs(s.dot(row, probe) - Embedder.cosine(stored, probe)));
        }
        assertTrue(worst < 1e-3f, "largest cosine error " + worst);
        assertTrue(worst > 0f, "bfloat16 rounds: an error of exactly 0 means the rows are not bfloat16");
    }

    @Test
    void bfloat16RoundsToNearest() {
        assertEquals(1.0f, VectorStore.fromBf16(VectorStore.toBf16(1.0f + 0x1p-9f)), "below half an ulp rounds down");
        assertEquals(1.0f + 0x1p-7f, VectorStore.fromBf16(VectorStore.toBf16(1.0f + 0x1p-7f - 0x1p-10f)), "above half rounds up");
        assertEquals(-0.25f, VectorStore.fromBf16(VectorStore.toBf16(-0.25f)));
        assertEquals(0f, VectorStore.fromBf16(VectorStore.toBf16(0f)));
    }

    @Test
    void hammingDistanceOfSignCodesEstimatesTheAngle() {
        Random rnd = new Random(7);
        int dims = Embedder.DIMENSIONS;
        SignCodes codes = new SignCodes(dims, 1);
        assertEquals(512, codes.bits());
        for (double cosine : new double[] {0.9, 0.6, 0.3, 0.0}) {
            double sum = 0;
            int pairs = 200;
            for (int p = 0; p < pairs; p++) {
                float[][] pair = pairAt(rnd, dims, cosine);
                long[] a = codes.code(pair[0]);
                long[] b = codes.code(pair[1]);
                int d = 0;
                for (int w = 0; w < a.length; w++) {
                    d += Long.bitCount(a[w] ^ b[w]);
                }
                sum += d;
            }
            double expected = Math.acos(cosine) / Math.PI * codes.bits();
            assertEquals(expected, sum / pairs, 0.03 * codes.bits(), "mean distance at cosine " + cosine);
        }
    }

    @Test
    void codesStayAlignedWithTheirRowsThroughRemovalsAndChunks() {
        SignCodes codes = new SignCodes(8, 2);
        Random rnd = new Random(3);
        List<float[]> vectors = new ArrayList<>();
        int n = VectorStore.ROWS_PER_CHUNK + 7;
        for (int i = 0; i < n; i++) {
            float[] v = new float[8];
            for (int d = 0; d < 8; d++) {
                v[d] = (float) rnd.nextGaussian();
            }
            vectors.add(v);
            codes.add(v);
        }
        codes.removeSwapLast(5);
        vectors.set(5, vectors.remove(vectors.size() - 1));
        codes.removeSwapLast(codes.size() - 1);
        vectors.remove(vectors.size() - 1);
        assertEquals(vectors.size(), codes.size());
        short[] distance = new short[codes.size()];
        for (int row : new int[] {0, 5, VectorStore.ROWS_PER_CHUNK - 1, codes.size() - 1}) {
            codes.distances(codes.code(vectors.get(row)), distance, new int[codes.bits() + 1]);
            assertEquals(0, distance[row], "row " + row + " has its own vector's code");
        }
        assertEquals(64, codes.bits(), "short vectors are padded to one 64-bit word");
    }

    /** Two unit vectors at the given cosine, in a random plane. */
    private static float[][] pairAt(Random rnd, int dims, double cosine) {
        float[] a = gaussian(rnd, dims);
        float[] o = gaussian(rnd, dims);
        double along = Dot.dot(o, 0, a, dims);
        for (int i = 0; i < dims; i++) {
            o[i] -= (float) (along * a[i]);
        }
        Embedder.normalize(o);
        double sine = Math.sqrt(1 - cosine * cosine);
        float[] b = new float[dims];
        for (int i = 0; i < dims; i++) {
            b[i] = (float) (cosine * a[i] + sine * o[i]);
        }
        return new float[][] {a, b};
    }

    private static float[] gaussian(Random rnd, int dims) {
        float[] v = new float[dims];
        for (int i = 0; i < dims; i++) {
            v[i] = (float) rnd.nextGaussian();
        }
        Embedder.normalize(v);
        return v;
    }

    @Test
    void addCopiesFromAnOffset() {
        VectorStore s = new VectorStore(2);
        s.add(new float[] {9, 9, 1, 2}, 2);
        assertArrayEquals(new float[] {1, 2}, s.copy(0));
    }
}
