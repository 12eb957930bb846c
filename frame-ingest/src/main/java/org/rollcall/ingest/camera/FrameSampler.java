package org.rollcall.ingest.camera;

/**
 * Keeps a camera's frames to its configured rate whatever its native rate. The next slot trails
 * the last published frame by up to one interval, so a camera sending at exactly the configured
 * rate, a millisecond early or late at random, loses no frame, and after a stall at most one
 * missed slot is caught up (no burst). Shared by the decoding and the pass-through paths.
 */
final class FrameSampler {
    private final long interval;
    private long nextAt;

    FrameSampler(double fps) {
        this.interval = Math.max(1, Math.round(1000 / fps));
    }

    /** Whether a frame arriving at {@code nowMillis} is published. */
    boolean due(long nowMillis) {
        if (nowMillis < nextAt) {
            return false;
        }
        nextAt = Math.max(nextAt + interval, nowMillis - interval);
        return true;
    }
}
