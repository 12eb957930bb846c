package org.rollcall.attendance.policy;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;

/**
 * An organization's attendance rules.
 *
 * @param livenessThreshold null when the liveness check is off
 * @param siteZones sites whose local day differs from the organization's zone
 */
public record Policy(double similarityThreshold, Double livenessThreshold, Duration cooldown, ZoneId zone,
        Schedule schedule, Map<String, ZoneId> siteZones) {

    public Policy {
        if (similarityThreshold <= 0 || similarityThreshold >= 1) {
            throw new IllegalArgumentException("similarityThreshold must be in (0,1)");
        }
        if (livenessThreshold != null && (livenessThreshold < 0 || livenessThreshold >= 1)) {
            throw new IllegalArgumentException("livenessThreshold must be in [0,1) or null (off)");
        }
        if (cooldown.isNegative() || cooldown.compareTo(Duration.ofHours(12)) > 0) {
            throw new IllegalArgumentException("cooldown must be 0..12 hours");
        }
        siteZones = Map.copyOf(siteZones);
    }

    public ZoneId zoneOf(String siteId) {
        return siteId == null ? zone : siteZones.getOrDefault(siteId, zone);
    }

    /** Why a sighting does not count, or null when it does. */
    public String rejection(String personId, double similarity, Double liveness) {
        if (personId == null) {
            return "unknown";
        }
        if (similarity < similarityThreshold) {
            return "similarity";
        }
        if (livenessThreshold != null && (liveness == null || liveness < livenessThreshold)) {
            return "liveness";
        }
        return null;
    }
}
