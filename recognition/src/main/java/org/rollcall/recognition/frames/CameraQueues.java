package org.rollcall.recognition.frames;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * Runs each camera's frames one at a time and in order (its tracker needs them so), and any
 * camera on any of the worker threads. Fixed lanes by hash left a thread idle while another
 * held a backlog (8 cameras hash unevenly onto 2 lanes), and that backlog then filled the
 * consumer's in-flight limit so every camera waited. A camera with more frames queued goes back
 * to the end of the line after each one, so cameras take turns.
 */
final class CameraQueues {
    private static final Logger LOG = Logger.getLogger(CameraQueues.class);

    private final ExecutorService workers;
    /** Cameras with a frame running or queued, and their queued frames; guarded by itself. */
    private final Map<String, ArrayDeque<Runnable>> busy = new HashMap<>();

    CameraQueues(int threads) {
        AtomicInteger n = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "recognition-worker-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    void execute(String camera, Runnable frame) {
        synchronized (busy) {
            ArrayDeque<Runnable> queued = busy.get(camera);
            if (queued != null) {
                queued.add(frame);
                return;
            }
            busy.put(camera, new ArrayDeque<>());
        }
        workers.execute(() -> run(camera, frame));
    }

    private void run(String camera, Runnable frame) {
        try {
            frame.run();
        } catch (RuntimeException e) {
            // a frame's own failure is handled inside it; this keeps the camera's queue moving
            LOG.errorf(e, "frame of camera %s failed", camera);
        } finally {
            Runnable next;
            synchronized (busy) {
                next = busy.get(camera).poll();
                if (next == null) {
                    busy.remove(camera);
                    if (busy.isEmpty()) {
                        busy.notifyAll();
                    }
                }
            }
            if (next != null) {
                Runnable n = next;
                workers.execute(() -> run(camera, n));
            }
        }
    }

    /** Waits until every frame handed over so far has run; false after the timeout. */
    boolean awaitIdle(long timeoutMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        synchronized (busy) {
            while (!busy.isEmpty()) {
                long left = deadline - System.currentTimeMillis();
                if (left <= 0) {
                    return false;
                }
                busy.wait(left);
            }
            return true;
        }
    }

    boolean alive() {
        return !workers.isShutdown();
    }

    void shutdownNow() {
        workers.shutdownNow();
    }
}
