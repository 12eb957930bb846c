package org.rollcall.face.gallery;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * One bit per direction of a random rotation (the sign of the vector along it), packed in longs:
 * the Hamming distance between two codes estimates the angle between their vectors (SimHash),
 * and a scan is XOR + popcount over 64 bytes a row at 512 dimensions, 8x less memory traffic
 * than bfloat16 rows and no multiplications. The rotation is three rounds of random sign flips
 * and a Walsh-Hadamard transform (O(d log d) per vector, not a d x d matrix), a standard
 * stand-in for a random orthogonal matrix. Not thread-safe; {@link Gallery} guards it.
 */
final class SignCodes {
    private static final int ROUNDS = 3;
    private final int dims;
    private final int width;
    private final int words;
    private final boolean[][] flips;
    private final List<long[]> chunks = new ArrayList<>();
    private int size;

    SignCodes(int dims, long seed) {
        this.dims = dims;
        this.width = Math.max(64, Integer.highestOneBit(Math.max(1, dims - 1)) << 1);
        this.words = width / 64;
        Random rnd = new Random(seed);
        flips = new boolean[ROUNDS][width];
        for (boolean[] round : flips) {
            for (int i = 0; i < width; i++) {
                round[i] = rnd.nextBoolean();
            }
        }
    }

    /** Bits per code: the maximum Hamming distance. */
    int bits() {
        return width;
    }

    int size() {
        return size;
    }

    /** The code of a vector (also used for a probe). */
    long[] code(float[] v) {
        float[] x = new float[width];
        System.arraycopy(v, 0, x, 0, dims);
        for (boolean[] round : flips) {
            for (int i = 0; i < width; i++) {
                if (round[i]) {
                    x[i] = -x[i];
                }
            }
            hadamard(x);
        }
        long[] code = new long[words];
        for (int i = 0; i < width; i++) {
            if (x[i] > 0) {
                code[i >>> 6] |= 1L << (i & 63);
            }
        }
        return code;
    }

    /** In-place fast Walsh-Hadamard transform (unnormalised: only signs are kept). */
    private static void hadamard(float[] x) {
        for (int h = 1; h < x.length; h <<= 1) {
            for (int i = 0; i < x.length; i += h << 1) {
                for (int j = i; j < i + h; j++) {
                    float a = x[j];
                    float b = x[j + h];
                    x[j] = a + b;
                    x[j + h] = a - b;
                }
            }
        }
    }

    void add(float[] v) {
        if (size == chunks.size() * VectorStore.ROWS_PER_CHUNK) {
            chunks.add(new long[VectorStore.ROWS_PER_CHUNK * words]);
        }
        int row = size++;
        System.arraycopy(code(v), 0, chunks.get(row / VectorStore.ROWS_PER_CHUNK),
                (row % VectorStore.ROWS_PER_CHUNK) * words, words);
    }

    /** Mirrors {@link VectorStore#removeSwapLast} so rows stay aligned. */
    void removeSwapLast(int row) {
        int last = size - 1;
        if (row != last) {
            System.arraycopy(chunks.get(last / VectorStore.ROWS_PER_CHUNK), (last % VectorStore.ROWS_PER_CHUNK) * words,
                    chunks.get(row / VectorStore.ROWS_PER_CHUNK), (row % VectorStore.ROWS_PER_CHUNK) * words, words);
        }
        size--;
        if (size <= (chunks.size() - 1) * VectorStore.ROWS_PER_CHUNK && chunks.size() > 1) {
            chunks.remove(chunks.size() - 1);
        }
    }

    /**
     * Writes every row's Hamming distance to {@code probe} into {@code out}, in storage order, and
     * counts each distance in {@code histogram} (length {@link #bits()} + 1).
     */
    void distances(long[] probe, short[] out, int[] histogram) {
        int row = 0;
        for (long[] c : chunks) {
            int rows = Math.min(size - row, VectorStore.ROWS_PER_CHUNK);
            if (words == 8) {
                distances8(c, rows, probe, out, row, histogram);
            } else {
                for (int r = 0, o = 0; r < rows; r++, o += words) {
                    int d = 0;
                    for (int w = 0; w < words; w++) {
                        d += Long.bitCount(c[o + w] ^ probe[w]);
                    }
                    out[row + r] = (short) d;
                    histogram[d]++;
                }
            }
            row += rows;
            if (row == size) {
                break;
            }
        }
    }

    /** 512-bit codes (512-d embeddings), unrolled: the JIT does not unroll a loop over a field's count. */
    private static void distances8(long[] c, int rows, long[] probe, short[] out, int at, int[] histogram) {
        long p0 = probe[0];
        long p1 = probe[1];
        long p2 = probe[2];
        long p3 = probe[3];
        long p4 = probe[4];
        long p5 = probe[5];
        long p6 = probe[6];
        long p7 = probe[7];
        for (int r = 0, o = 0; r < rows; r++, o += 8) {
            int d = Long.bitCount(c[o] ^ p0) + Long.bitCount(c[o + 1] ^ p1) + Long.bitCount(c[o + 2] ^ p2)
                    + Long.bitCount(c[o + 3] ^ p3) + Long.bitCount(c[o + 4] ^ p4) + Long.bitCount(c[o + 5] ^ p5)
                    + Long.bitCount(c[o + 6] ^ p6) + Long.bitCount(c[o + 7] ^ p7);
            out[at + r] = (short) d;
            histogram[d]++;
        }
    }

    long bytes() {
        return (long) chunks.size() * VectorStore.ROWS_PER_CHUNK * words * Long.BYTES;
    }
}
