package org.rollcall.attendance.policy;

import java.time.Duration;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.rollcall.events.api.PolicyView;

/** A {@link Policy} to and from the API's {@link PolicyView} (shared with identity's client). */
final class PolicyViews {
    private PolicyViews() {
    }

    static PolicyView of(Policy p) {
        Map<String, String> zones = new TreeMap<>();
        p.siteZones().forEach((k, v) -> zones.put(k, v.getId()));
        return new PolicyView(p.similarityThreshold(), p.livenessThreshold(), (int) p.cooldown().toMinutes(), p.zone().getId(),
                p.schedule().start(), p.schedule().end(), p.schedule().graceMinutes(), zones);
    }

    static Policy toPolicy(PolicyView v) {
        Map<String, ZoneId> zones = new HashMap<>();
        if (v.siteZones() != null) {
            v.siteZones().forEach((k, z) -> zones.put(k, ZoneId.of(z)));
        }
        return new Policy(v.similarityThreshold(), v.livenessThreshold(), Duration.ofMinutes(v.cooldownMinutes()),
                ZoneId.of(v.zone() == null ? "" : v.zone()), new Schedule(v.scheduleStart(), v.scheduleEnd(), v.graceMinutes()), zones);
    }
}
