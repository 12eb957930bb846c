package org.rollcall.attendance.policy;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;

/** Organizations' policies; the configured defaults stand in for organizations without a row. */
@ApplicationScoped
public class PolicyStore {
    private final AttendanceConfig config;
    private final SiteZonesFromCameras cameraZones;

    public PolicyStore(AttendanceConfig config, SiteZonesFromCameras cameraZones) {
        this.config = config;
        this.cameraZones = cameraZones;
    }

    public Policy defaults() {
        return new Policy(config.similarityThreshold(), config.livenessThreshold().orElse(null), config.cooldown(),
                ZoneId.of(config.zone()), Schedule.none(), Map.of());
    }

    @Transactional
    public Policy get(String orgId) {
        // the portal's site zones (via the camera registry), overridden by zones set in the policy
        Map<String, ZoneId> sites = new HashMap<>(cameraZones.of(orgId));
        SiteZone.<SiteZone>stream("key.orgId", orgId).forEach(z -> sites.put(z.key.siteId(), ZoneId.of(z.zone)));
        OrgPolicy row = OrgPolicy.findById(orgId);
        if (row == null) {
            Policy d = defaults();
            // an organization that never set a zone lives in its sites' zone when they all agree
            java.util.Set<ZoneId> distinct = new java.util.HashSet<>(sites.values());
            ZoneId zone = distinct.size() == 1 ? distinct.iterator().next() : d.zone();
            return new Policy(d.similarityThreshold(), d.livenessThreshold(), d.cooldown(), zone, d.schedule(), sites);
        }
        return new Policy(row.similarityThreshold, row.livenessThreshold == null ? null : row.livenessThreshold.doubleValue(),
                Duration.ofSeconds(row.cooldownSeconds), ZoneId.of(row.zone),
                new Schedule(row.startTime, row.endTime, row.graceMinutes), sites);
    }

    /**
     * Stores an organization's rules; {@code siteZones} replaces the zones set in the policy, null
     * leaves them (the portal sets a site's zone on the site itself).
     */
    @Transactional
    public void put(String orgId, Policy p, Map<String, ZoneId> siteZones) {
        OrgPolicy row = OrgPolicy.findById(orgId);
        if (row == null) {
            row = new OrgPolicy();
            row.orgId = orgId;
        }
        row.similarityThreshold = (float) p.similarityThreshold();
        row.livenessThreshold = p.livenessThreshold() == null ? null : p.livenessThreshold().floatValue();
        row.cooldownSeconds = (int) p.cooldown().toSeconds();
        row.zone = p.zone().getId();
        row.startTime = p.schedule().start();
        row.endTime = p.schedule().end();
        row.graceMinutes = p.schedule().graceMinutes();
        row.updatedAt = Instant.now();
        row.persist();
        if (siteZones == null) {
            return;
        }
        SiteZone.delete("key.orgId", orgId);
        SiteZone.flush();
        for (var e : siteZones.entrySet()) {
            SiteZone z = new SiteZone();
            z.key = new SiteZone.Key(orgId, e.getKey());
            z.zone = e.getValue().getId();
            z.persist();
        }
    }
}
