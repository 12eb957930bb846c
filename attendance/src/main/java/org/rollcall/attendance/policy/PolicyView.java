package org.rollcall.attendance.policy;

import java.time.LocalTime;
import java.util.Map;

/**
 * The policy as the API reads and writes it.
 *
 * @param livenessThreshold null turns the liveness check off
 * @param scheduleStart null for no schedule (no late flags); likewise scheduleEnd
 * @param siteZones zones of sites; on writing, null leaves the ones set before (a site's zone set
 *     in the portal reaches attendance with its cameras and needs no entry here)
 */
public record PolicyView(double similarityThreshold, Double livenessThreshold, int cooldownMinutes, String zone,
        LocalTime scheduleStart, LocalTime scheduleEnd, int graceMinutes, Map<String, String> siteZones) {

    static PolicyView of(Policy p) {
        Map<String, String> zones = new java.util.TreeMap<>();
        p.siteZones().forEach((k, v) -> zones.put(k, v.getId()));
        return new PolicyView(p.similarityThreshold(), p.livenessThreshold(), (int) p.cooldown().toMinutes(), p.zone().getId(),
                p.schedule().start(), p.schedule().end(), p.schedule().graceMinutes(), zones);
    }

    Policy toPolicy() {
        Map<String, java.time.ZoneId> zones = new java.util.HashMap<>();
        if (siteZones != null) {
            siteZones.forEach((k, v) -> zones.put(k, java.time.ZoneId.of(v)));
        }
        return new Policy(similarityThreshold, livenessThreshold, java.time.Duration.ofMinutes(cooldownMinutes),
                java.time.ZoneId.of(zone == null ? "" : zone), new Schedule(scheduleStart, scheduleEnd, graceMinutes), zones);
    }
}
