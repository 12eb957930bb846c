package org.rollcall.face.gallery;

/** The k best (row, score) pairs seen, as a min-heap on primitive arrays (no boxing in the scan). */
final class TopK {
    private final int[] rows;
    private final float[] scores;
    private int size;

    TopK(int k) {
        rows = new int[k];
        scores = new float[k];
    }

    void offer(int row, float score) {
        if (size < rows.length) {
            rows[size] = row;
            scores[size] = score;
            siftUp(size++);
        } else if (score > scores[0]) {
            rows[0] = row;
            scores[0] = score;
            siftDown(0);
        }
    }

    int size() {
        return size;
    }

    int row(int i) {
        return rows[i];
    }

    private void siftUp(int i) {
        while (i > 0) {
            int p = (i - 1) / 2;
            if (scores[p] <= scores[i]) {
                return;
            }
            swap(i, p);
            i = p;
        }
    }

    private void siftDown(int i) {
        while (true) {
            int l = 2 * i + 1;
            int r = l + 1;
            int m = i;
            if (l < size && scores[l] < scores[m]) {
                m = l;
            }
            if (r < size && scores[r] < scores[m]) {
                m = r;
            }
            if (m == i) {
                return;
            }
            swap(i, m);
            i = m;
        }
    }

    private void swap(int a, int b) {
        int tr = rows[a];
        rows[a] = rows[b];
        rows[b] = tr;
        float ts = scores[a];
        scores[a] = scores[b];
        scores[b] = ts;
    }
}
