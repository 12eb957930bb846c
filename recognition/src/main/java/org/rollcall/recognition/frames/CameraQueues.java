package org.rollcall.recognition.frames;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * Runs each camera's frames one at a time and in order (its tracker needs them so), any camera on
 * any of the worker threads, and the newest frame first when a camera falls behind.
 *
 * <ul>
 * <li>Fixed lanes by hash left a thread idle while another held a backlog, and that backlog then
 * filled the consumer's in-flight limit so every camera waited.
 * <li>A camera keeps at most one frame waiting: a newer frame supersedes it (the superseded one
 * is finished unanalysed). When analysis cannot keep up, queued frames used to wait in line until
 * they went stale (capture-to-event latency sat at the 2 s stale limit); now the frame analysed
 * is the camera's latest, and the tracker sees evenly spaced frames instead of bursts.
 * </ul>
 */
final class CameraQueues {
    private static final Logger LOG = Logger.getLogger(CameraQueues.class);

    private final ExecutorService workers;
    /** Cameras with a frame running, and their waiting frame (null when none); guarded by itself. */
    private final Map<String, Waiting> busy = new HashMap<>();

    private static final class Waiting {
        Runnable frame;
        Runnable superseded;
    }

    CameraQueues(int threads) {
        AtomicInteger n = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "recognition-worker-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** Runs {@code frame} after the camera's running one; runs {@code superseded} instead if a newer frame comes first. */
    void execute(String camera, Runnable frame, Runnable superseded) {
        Runnable dropped = null;
        boolean start = false;
        synchronized (busy) {
            Waiting w = busy.get(camera);
            if (w == null) {
                busy.put(camera, new Waiting());
                start = true;
            } else {
                dropped = w.superseded; // null when nothing was waiting
                w.frame = frame;
                w.superseded = superseded;
            }
        }
        if (dropped != null) {
            dropped.run();
        }
        if (start) {
            workers.execute(() -> run(camera, frame));
        }
    }

    private void run(String camera, Runnable frame) {
        try {
            frame.run();
        } catch (RuntimeException e) {
            // a frame's own failure is handled inside it; this keeps the camera's frames moving
            LOG.errorf(e, "frame of camera %s failed", camera);
        } finally {
            Runnable next;
            synchronized (busy) {
                Waiting w = busy.get(camera);
                next = w.frame;
                w.frame = null;
                w.superseded = null;
                if (next == null) {
                    busy.remove(camera);
                    if (busy.isEmpty()) {
                        busy.notifyAll();
                    }
                }
            }
            if (next != null) {
                // to the back of the line: cameras take turns
                Runnable n = next;
                workers.execute(() -> run(camera, n));
            }
        }
    }

    /** Waits until every frame handed over so far has run or been superseded; false after the timeout. */
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
