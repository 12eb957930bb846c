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

    /** The local date at a site (null: the organization's zone) at {@code now}. */
    public java.time.LocalDate today(String siteId, java.time.Instant now) {
        return java.time.LocalDate.ofInstant(now, zoneOf(siteId));
    }

    /**
     * The latest local date among the organization's zones: a date range that ends there leaves
     * out no record made today anywhere (a site east of the organization's zone is a day ahead).
     */
    public java.time.LocalDate latestToday(java.time.Instant now) {
        java.time.LocalDate latest = today(null, now);
        for (ZoneId z : siteZones.values()) {
            java.time.LocalDate d = java.time.LocalDate.ofInstant(now, z);
            if (d.isAfter(latest)) {
                latest = d;
            }
        }
        return latest;
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
