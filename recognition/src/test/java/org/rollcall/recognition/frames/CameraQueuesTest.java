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
    void eachCamerasFramesRunOneAtATimeInOrder() throws Exception {
        CameraQueues q = new CameraQueues(4);
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
            });
        }
        assertTrue(q.awaitIdle(10_000));
        assertEquals(0, overlaps.get(), "two frames of one camera ran at once");
        for (var e : seen.entrySet()) {
            List<Integer> frames = e.getValue();
            for (int k = 1; k < frames.size(); k++) {
                assertTrue(frames.get(k - 1) < frames.get(k), e.getKey() + " out of order: " + frames);
            }
        }
        assertEquals(2000, seen.values().stream().mapToInt(List::size).sum());
        q.shutdownNow();
    }

    @Test
    void aCameraWithABacklogDoesNotHoldUpAnotherWhileAThreadIsFree() throws Exception {
        CameraQueues q = new CameraQueues(2);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch otherRan = new CountDownLatch(1);
        // "busy" and "other" hash onto one lane of two in the fixed-lane design; here any thread takes any camera
        q.execute("busy", () -> await(release));
        for (int i = 0; i < 10; i++) {
            q.execute("busy", () -> { });
        }
        q.execute("other", otherRan::countDown);
        assertTrue(otherRan.await(5, TimeUnit.SECONDS), "the other camera waited behind the busy one");
        assertFalse(q.awaitIdle(100), "the busy camera's frames are still queued");
        release.countDown();
        assertTrue(q.awaitIdle(5_000));
        q.shutdownNow();
    }

    @Test
    void aFailingFrameDoesNotStopItsCamerasQueue() throws Exception {
        CameraQueues q = new CameraQueues(1);
        CountDownLatch after = new CountDownLatch(1);
        q.execute("cam", () -> {
            throw new IllegalStateException("boom");
        });
        q.execute("cam", after::countDown);
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
