package org.rollcall.recognition.frames;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CameraQueuesTest {
    @Test
    void eachCamerasFramesRunOneAtATimeInOrderAndEveryFrameRunsOrIsSuperseded() throws Exception {
        CameraQueues q = new CameraQueues(4);
        AtomicInteger superseded = new AtomicInteger();
        Map<String, List<Integer>> seen = new ConcurrentHashMap<>();
        Map<String, AtomicInteger> running = new ConcurrentHashMap<>();
        AtomicInteger overlaps = new AtomicInteger();
        for (int i = 0; i < 2000; i++) {
            String camera = "cam-" + (i % 7);
            int n = i / 7;
            q.execute(camera, () -> {
                if (running.computeIfAbsent(camera, c -> new AtomicInteger()).incrementAndGet() > 1) {
                    overlaps.incrementAndGet();
                }
                seen.computeIfAbsent(camera, c -> Collections.synchronizedList(new ArrayList<>())).add(n);
                running.get(camera).decrementAndGet();
            }, superseded::incrementAndGet);
        }
        assertTrue(q.awaitIdle(10_000));
        assertEquals(0, overlaps.get(), "two frames of one camera ran at once");
        for (var e : seen.entrySet()) {
            List<Integer> frames = e.getValue();
            for (int k = 1; k < frames.size(); k++) {
                assertTrue(frames.get(k - 1) < frames.get(k), e.getKey() + " out of order: " + frames);
            }
        }
        assertEquals(2000, seen.values().stream().mapToInt(List::size).sum() + superseded.get());
        for (int c = 0; c < 7; c++) {
            List<Integer> frames = seen.get("cam-" + c);
            assertEquals((1999 - c) / 7, frames.get(frames.size() - 1), "a camera's last frame always runs");
        }
        q.shutdownNow();
    }

    @Test
    void aCameraThatFallsBehindRunsItsNewestFrameAndHoldsUpNoOtherCamera() throws Exception {
        CameraQueues q = new CameraQueues(2);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch otherRan = new CountDownLatch(1);
        List<Integer> ran = Collections.synchronizedList(new ArrayList<>());
        List<Integer> skipped = Collections.synchronizedList(new ArrayList<>());
        q.execute("busy", () -> await(release), () -> skipped.add(0));
        for (int i = 1; i <= 10; i++) {
            int n = i;
            q.execute("busy", () -> ran.add(n), () -> skipped.add(n));
        }
        q.execute("other", otherRan::countDown, () -> { });
        assertTrue(otherRan.await(5, TimeUnit.SECONDS), "the other camera waited behind the busy one");
        assertFalse(q.awaitIdle(100), "the busy camera's newest frame is still waiting");
        assertEquals(List.of(1, 2, 3, 4, 5, 6, 7, 8, 9), skipped, "each waiting frame is superseded by the next, at once");
        release.countDown();
        assertTrue(q.awaitIdle(5_000));
        assertEquals(List.of(10), ran, "only the newest waiting frame runs");
        q.shutdownNow();
    }

    @Test
    void aFailingFrameDoesNotStopItsCamerasQueue() throws Exception {
        CameraQueues q = new CameraQueues(1);
        CountDownLatch after = new CountDownLatch(1);
        q.execute("cam", () -> {
            throw new IllegalStateException("boom");
        }, () -> { });
        q.execute("cam", after::countDown, () -> { });
        assertTrue(after.await(5, TimeUnit.SECONDS));
        q.shutdownNow();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
