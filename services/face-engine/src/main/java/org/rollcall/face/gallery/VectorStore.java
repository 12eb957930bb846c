package org.rollcall.face.gallery;

import java.util.ArrayList;
import java.util.List;

/**
 * Fixed-width float rows in chunks of contiguous memory: scans are sequential, growth never
 * copies existing rows, and removal moves the last row into the hole (O(dims)).
 * Not thread-safe; {@link Gallery} guards it.
 */
final class VectorStore {
    static final int ROWS_PER_CHUNK = 8192;
    private final int dims;
    private final List<float[]> chunks = new ArrayList<>();
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
            chunks.add(new float[ROWS_PER_CHUNK * dims]);
        }
        int row = size++;
        System.arraycopy(v, offset, chunk(row), base(row), dims);
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

    float[] chunk(int row) {
        return chunks.get(row / ROWS_PER_CHUNK);
    }

    int base(int row) {
        return (row % ROWS_PER_CHUNK) * dims;
    }

    float dot(int row, float[] q) {
        return Dot.dot(chunk(row), base(row), q, dims);
    }

    float[] copy(int row) {
        float[] out = new float[dims];
        System.arraycopy(chunk(row), base(row), out, 0, dims);
        return out;
    }

    /** Visits every row in storage order: the scan loop the prefilter runs. */
    void scan(float[] q, ScoreSink sink) {
        int remaining = size;
        int row = 0;
        for (float[] c : chunks) {
            int rows = Math.min(remaining, ROWS_PER_CHUNK);
            for (int r = 0; r < rows; r++) {
                sink.accept(row + r, Dot.dot(c, r * dims, q, dims));
            }
            row += rows;
            remaining -= rows;
            if (remaining == 0) {
                break;
            }
        }
    }

    long bytes() {
        return (long) chunks.size() * ROWS_PER_CHUNK * dims * Float.BYTES;
    }

    interface ScoreSink {
        void accept(int row, float score);
    }
}
