package org.rollcall.face.gallery;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The gallery's storage pieces: chunked rows, the top-k heap, the dot product. */
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

    @ParameterizedTest(name = "top {0}")
    @ValueSource(ints = {1, 2, 5, 64})
    void topKKeepsTheKBestScores(int k) {
        Random rnd = new Random(k);
        TopK top = new TopK(k);
        float[] scores = new float[1000];
        for (int i = 0; i < scores.length; i++) {
            scores[i] = rnd.nextFloat();
            top.offer(i, scores[i]);
        }
        assertEquals(k, top.size());
        float[] sorted = scores.clone();
        Arrays.sort(sorted);
        List<Float> kept = new ArrayList<>();
        for (int i = 0; i < top.size(); i++) {
            kept.add(scores[top.row(i)]);
        }
        kept.sort(null);
        for (int i = 0; i < k; i++) {
            assertEquals(sorted[sorted.length - k + i], kept.get(i), "rank " + i);
        }
    }

    @Test
    void topKWithFewerOffersThanKKeepsThemAll() {
        TopK top = new TopK(10);
        top.offer(4, 0.1f);
        top.offer(9, 0.9f);
        top.offer(2, 0.5f);
        assertEquals(3, top.size());
        List<Integer> rows = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            rows.add(top.row(i));
        }
        rows.sort(null);
        assertEquals(List.of(2, 4, 9), rows);
    }

    @Test
    void topKIgnoresScoresNoBetterThanItsWorst() {
        TopK top = new TopK(2);
        top.offer(0, 0.5f);
        top.offer(1, 0.7f);
        top.offer(2, 0.5f);
        top.offer(3, 0.1f);
        List<Integer> rows = List.of(top.row(0), top.row(1)).stream().sorted().toList();
        assertEquals(List.of(0, 1), rows);
    }

    @Test
    void rowsSurviveChunkBoundariesAndRemovalMovesTheLastRowIntoTheHole() {
        VectorStore s = new VectorStore(2);
        int n = VectorStore.ROWS_PER_CHUNK + 10;
        for (int i = 0; i < n; i++) {
            assertEquals(i, s.add(new float[] {i, -i}, 0));
        }
        assertEquals(n, s.size());
        assertEquals(2L * VectorStore.ROWS_PER_CHUNK * 2 * Float.BYTES, s.bytes());
        assertArrayEquals(new float[] {8200, -8200}, s.copy(8200));
        assertEquals(n - 1, s.removeSwapLast(3));
        assertArrayEquals(new float[] {n - 1, -(n - 1)}, s.copy(3));
        assertEquals(-1, s.removeSwapLast(s.size() - 1), "removing the last row moves nothing");
        assertEquals(n - 2, s.size());
        while (s.size() > VectorStore.ROWS_PER_CHUNK) {
            s.removeSwapLast(s.size() - 1);
        }
        assertEquals((long) VectorStore.ROWS_PER_CHUNK * 2 * Float.BYTES, s.bytes(), "an empty last chunk is released");
        assertEquals(3f * 1 + 4f * -1, s.dot(1, new float[] {3, 4}), 1e-6);
    }

    @Test
    void scanVisitsEveryRowOnceInStorageOrderWithItsScore() {
        VectorStore s = new VectorStore(1);
        int n = VectorStore.ROWS_PER_CHUNK * 2 + 5;
        for (int i = 0; i < n; i++) {
            s.add(new float[] {i}, 0);
        }
        int[] next = {0};
        s.scan(new float[] {2}, (row, score) -> {
            assertEquals(next[0], row);
            assertEquals(2f * row, score);
            next[0]++;
        });
        assertEquals(n, next[0]);
    }

    @Test
    void addCopiesFromAnOffset() {
        VectorStore s = new VectorStore(2);
        s.add(new float[] {9, 9, 1, 2}, 2);
        assertArrayEquals(new float[] {1, 2}, s.copy(0));
    }
}
