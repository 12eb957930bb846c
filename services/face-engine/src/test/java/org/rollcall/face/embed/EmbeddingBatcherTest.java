package org.rollcall.face.embed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/** The batcher alone, with a runner that doubles its inputs and records each batch's size. */
class EmbeddingBatcherTest {
    private final List<Integer> sizes = new CopyOnWriteArrayList<>();

    private List<float[]> doubling(List<float[]> in) {
        sizes.add(in.size());
        return in.stream().map(v -> new float[] {v[0] * 2}).toList();
    }

    @Test
    void callersWaitingTogetherShareBatchesAndGetTheirOwnRows() throws Exception {
        CountDownLatch firstBatchRunning = new CountDownLatch(1);
        CountDownLatch firstBatchMayFinish = new CountDownLatch(1);
        EmbeddingBatcher.BatchRunner runner = in -> {
            if (firstBatchRunning.getCount() > 0) {
                firstBatchRunning.countDown();
                await(firstBatchMayFinish);
            }
            return doubling(in);
        };
        ExecutorService callers = Executors.newFixedThreadPool(7);
        try (EmbeddingBatcher batcher = new EmbeddingBatcher(runner, new EmbedBatching(4, Duration.ZERO))) {
            List<Future<List<float[]>>> results = new ArrayList<>();
            results.add(callers.submit(() -> batcher.run(List.of(new float[] {100}))));
            await(firstBatchRunning);
            // six callers of two inputs each queue up while the first batch runs
            for (int c = 1; c <= 6; c++) {
                float base = c * 10;
                results.add(callers.submit(() -> batcher.run(List.of(new float[] {base}, new float[] {base + 1}))));
            }
            until(() -> batcher.waiting() == 6);
            firstBatchMayFinish.countDown();

            assertArrayEquals(new float[] {200}, results.get(0).get(10, TimeUnit.SECONDS).get(0));
            for (int c = 1; c <= 6; c++) {
                List<float[]> rows = results.get(c).get(10, TimeUnit.SECONDS);
                assertEquals(2, rows.size());
                assertArrayEquals(new float[] {c * 20}, rows.get(0));
                assertArrayEquals(new float[] {c * 20 + 2}, rows.get(1));
            }
            assertEquals(13, batcher.inputs());
            assertEquals(List.of(1, 4, 4, 4), sizes, "the 12 queued inputs run as 3 full batches of 4");
            assertEquals(4, batcher.batches());
        } finally {
            callers.shutdownNow();
        }
    }

    @Test
    void oneCallerWithMoreThanABatchRunsInChunksOfTheMaximum() {
        try (EmbeddingBatcher batcher = new EmbeddingBatcher(this::doubling, new EmbedBatching(3, Duration.ZERO))) {
            List<float[]> in = new ArrayList<>();
            for (int i = 0; i < 7; i++) {
                in.add(new float[] {i});
            }
            List<float[]> out = batcher.run(in);
            for (int i = 0; i < 7; i++) {
                assertArrayEquals(new float[] {2 * i}, out.get(i));
            }
            assertEquals(List.of(3, 3, 1), sizes);
        }
    }

    @Test
    void theFirstInputWaitsForCompanyAtMostTheConfiguredTime() throws Exception {
        ExecutorService callers = Executors.newFixedThreadPool(2);
        try (EmbeddingBatcher batcher = new EmbeddingBatcher(this::doubling, new EmbedBatching(2, Duration.ofSeconds(30)))) {
            Future<List<float[]>> a = callers.submit(() -> batcher.run(List.of(new float[] {1})));
            Future<List<float[]>> b = callers.submit(() -> batcher.run(List.of(new float[] {2})));
            // the second caller arrives inside the first one's wait and fills the batch, which then runs at once
            assertArrayEquals(new float[] {2}, a.get(60, TimeUnit.SECONDS).get(0));
            assertArrayEquals(new float[] {4}, b.get(60, TimeUnit.SECONDS).get(0));
            assertEquals(List.of(2), sizes);
        } finally {
            callers.shutdownNow();
        }
    }

    @Test
    void aFailedBatchFailsItsCallersAndTheNextBatchRuns() {
        boolean[] failNext = {true};
        EmbeddingBatcher.BatchRunner runner = in -> {
            if (failNext[0]) {
                failNext[0] = false;
                throw new IllegalStateException("inference failed");
            }
            return doubling(in);
        };
        try (EmbeddingBatcher batcher = new EmbeddingBatcher(runner, new EmbedBatching(4, Duration.ZERO))) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> batcher.run(List.of(new float[] {1})));
            assertEquals("inference failed", e.getMessage());
            assertArrayEquals(new float[] {6}, batcher.run(List.of(new float[] {3})).get(0));
        }
    }

    @Test
    void aClosedBatcherRefusesInsteadOfHanging() {
        EmbeddingBatcher batcher = new EmbeddingBatcher(this::doubling, new EmbedBatching(4, Duration.ZERO));
        batcher.close();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> batcher.run(List.of(new float[] {1})));
        assertTrue(e.getMessage().contains("closed"), e.getMessage());
    }

    @Test
    void settingsAreChecked() {
        assertThrows(IllegalArgumentException.class, () -> new EmbedBatching(0, Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> new EmbedBatching(4, Duration.ofMillis(-1)));
        assertEquals(false, EmbedBatching.OFF.on());
        assertEquals(true, new EmbedBatching(2, Duration.ZERO).on());
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the test never released the first batch");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Waits on a condition (polling every millisecond), failing after 30 s. */
    private static void until(BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 30 s");
            }
            LockSupport.parkNanos(1_000_000);
        }
    }
}
