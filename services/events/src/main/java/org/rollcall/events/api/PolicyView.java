package org.rollcall.events.api;

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
}
