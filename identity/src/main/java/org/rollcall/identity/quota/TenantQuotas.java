package org.rollcall.identity.quota;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.rollcall.identity.IdentityConfig;
import org.rollcall.identity.org.Camera;

/**
 * Per-organization quotas of the shared services (rollcall.identity.quotas.*): cameras, their
 * summed frame rate, enrollment uploads per hour. The upload window is per identity instance
 * (a few instances allow a few times the hourly number: a bound, not an invoice).
 */
@ApplicationScoped
public class TenantQuotas {
    private static final long HOUR_MILLIS = 3_600_000L;

    private final IdentityConfig.Quotas quotas;
    private final Map<String, Deque<Long>> uploads = new ConcurrentHashMap<>();

    public TenantQuotas(IdentityConfig config) {
        this.quotas = config.quotas();
    }

    /** Before saving a camera ({@code cameraId} null: a new one): the organization's count and frame-rate budget. */
    public void checkCamera(String orgId, String cameraId, boolean enabled, double fps) {
        long others = 0;
        double othersFps = 0;
        for (Camera c : Camera.<Camera>list("orgId", orgId)) {
            if (!c.id.equals(cameraId)) {
                others++;
                othersFps += c.enabled ? c.fps : 0;
            }
        }
        if (others + 1 > quotas.cameras()) {
            throw new QuotaExceeded("This organization has reached its limit of " + quotas.cameras()
                    + " cameras (set by the operator). Remove one first.");
        }
        if (enabled && othersFps + fps > quotas.framesPerSecond()) {
            throw new QuotaExceeded(String.format(java.util.Locale.ROOT, "This organization's cameras may send %.0f frames per second "
                    + "together (set by the operator); %.1f are in use. Lower a camera's rate or disable one.",
                    quotas.framesPerSecond(), othersFps));
        }
    }

    /** Counts {@code n} uploaded photos against the organization's hourly quota, or refuses them all. */
    public void takePhotos(String orgId, int n) {
        Deque<Long> window = uploads.computeIfAbsent(orgId, o -> new ArrayDeque<>());
        long now = System.currentTimeMillis();
        synchronized (window) {
            while (!window.isEmpty() && window.peekFirst() <= now - HOUR_MILLIS) {
                window.pollFirst();
            }
            if (window.size() + n > quotas.photosPerHour()) {
                throw new QuotaExceeded("This organization has uploaded " + window.size() + " photos in the last hour; its limit is "
                        + quotas.photosPerHour() + " (set by the operator). Try again later.");
            }
            for (int i = 0; i < n; i++) {
                window.addLast(now);
            }
        }
    }
}
