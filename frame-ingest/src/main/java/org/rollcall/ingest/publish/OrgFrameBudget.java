package org.rollcall.ingest.publish;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Frames per second one organization may publish through this instance, all its cameras
 * together (a token bucket holding one second's worth): a tenant that registers too many
 * cameras or floods a browser stream loses its own frames, and every other tenant's frames stay
 * fresh. Identity refuses cameras over the same budget when they are saved.
 */
final class OrgFrameBudget {
    private final double perSecond;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    private static final class Bucket {
        double tokens;
        long lastNanos;
    }

    OrgFrameBudget(double perSecond) {
        this.perSecond = perSecond;
    }

    /** True when the organization may publish one more frame at {@code nanos} (System.nanoTime). */
    boolean take(String orgId, long nanos) {
        Bucket b = buckets.computeIfAbsent(orgId, o -> {
            Bucket fresh = new Bucket();
            fresh.tokens = perSecond;
            fresh.lastNanos = nanos;
            return fresh;
        });
        synchronized (b) {
            b.tokens = Math.min(perSecond, b.tokens + (nanos - b.lastNanos) / 1e9 * perSecond);
            b.lastNanos = nanos;
            if (b.tokens < 1) {
                return false;
            }
            b.tokens -= 1;
            return true;
        }
    }
}
