package org.rollcall.face.gallery;

import java.util.ArrayList;
import java.util.List;

/**
 * Fixed-width rows stored as bfloat16 (the upper half of a float, rounded to nearest) in chunks
 * of contiguous memory: half the heap of floats, and for unit-length face embeddings the cosine
 * moves by less than 1e-3 (each element keeps 8 significant bits; the rounding errors of 512
 * terms mostly cancel). Scans are sequential, growth never copies existing rows, and removal
 * moves the last row into the hole (O(dims)). Not thread-safe; {@link Gallery} guards it.
 */
final class VectorStore {
    /**
     * 256 rows of 512 bfloat16 are 256 KB: below G1's humongous-object threshold (half a region,
     * at least 512 KB), so a chunk is an ordinary object; an 8 MB chunk would take three 4 MB
     * regions (half of them wasted) and be counted so in the heap.
     */
    static final int ROWS_PER_CHUNK = 256;
    private final int dims;
    private final List<short[]> chunks = new ArrayList<>();
    private int size;

    VectorStore(int dims) {
        this.dims = dims;
    }

    int size() {
        return size;
    }

    /** Appends a row and returns its index. */
    int add(float[] v, int offset) {
        if (size == chunks.size() * ROWS_PER_CHUNK) {
            chunks.add(new short[ROWS_PER_CHUNK * dims]);
        }
        int row = size++;
        short[] c = chunk(row);
        int b = base(row);
        for (int i = 0; i < dims; i++) {
            c[b + i] = toBf16(v[offset + i]);
        }
        return row;
    }

    /** Moves the last row into {@code row}; returns the index that moved (or -1 when row was last). */
    int removeSwapLast(int row) {
        int last = size - 1;
        int moved = -1;
        if (row != last) {
            System.arraycopy(chunk(last), base(last), chunk(row), base(row), dims);
            moved = last;
        }
        size--;
        if (size <= (chunks.size() - 1) * ROWS_PER_CHUNK && chunks.size() > 1) {
            chunks.remove(chunks.size() - 1);
        }
        return moved;
    }

    private short[] chunk(int row) {
        return chunks.get(row / ROWS_PER_CHUNK);
    }

    private int base(int row) {
        return (row % ROWS_PER_CHUNK) * dims;
    }

    float dot(int row, float[] q) {
        return Dot.dotBf16(chunk(row), base(row), q, dims);
    }

    float[] copy(int row) {
        float[] out = new float[dims];
        addTo(row, out);
        return out;
    }

    /** Adds the row to {@code sum} element by element (a person's centroid without storing one). */
    void addTo(int row, float[] sum) {
        short[] c = chunk(row);
        int b = base(row);
        for (int i = 0; i < dims; i++) {
            sum[i] += fromBf16(c[b + i]);
        }
    }

    long bytes() {
        return (long) chunks.size() * ROWS_PER_CHUNK * dims * Short.BYTES;
    }

    static short toBf16(float f) {
        int bits = Float.floatToRawIntBits(f);
        // round to nearest, ties to even; embeddings are finite, so no NaN handling is needed
        return (short) ((bits + 0x7fff + ((bits >>> 16) & 1)) >>> 16);
    }

    static float fromBf16(short h) {
        return Float.intBitsToFloat(h << 16);
    }
}
