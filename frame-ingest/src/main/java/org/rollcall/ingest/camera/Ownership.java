package org.rollcall.ingest.camera;

import java.util.Set;
import org.rollcall.events.CameraDefinition;

/**
 * Which cameras this instance reads. First by site: an edge site's ingest reads only its site's
 * cameras ({@code sites}), and the central ingest leaves those sites to them ({@code excludedSites});
 * empty sets mean every site. Then among the instances that serve the same sites, deterministically:
 * a camera belongs to instance {@code hash(cameraId) mod count}. String.hashCode is specified by the
 * language, so every instance computes the same split.
 */
public record Ownership(int index, int count, Set<String> sites, Set<String> excludedSites) {
    public Ownership {
        if (count < 1 || index < 0 || index >= count) {
            throw new IllegalArgumentException("rollcall.ingest.instance-index must be in [0, instance-count)");
        }
        sites = Set.copyOf(sites);
        excludedSites = Set.copyOf(excludedSites);
        if (sites.stream().anyMatch(excludedSites::contains)) {
            throw new IllegalArgumentException("a site is in both rollcall.ingest.sites and rollcall.ingest.excluded-sites");
        }
    }

    /** Every site's cameras, split between {@code count} instances. */
    public Ownership(int index, int count) {
        this(index, count, Set.of(), Set.of());
    }

    public boolean owns(CameraDefinition camera) {
        return servesSite(camera.siteId()) && Math.floorMod(camera.cameraId().hashCode(), count) == index;
    }

    /** Whether this instance serves the site at all (its cameras' states, browser streams). */
    public boolean servesSite(String siteId) {
        return (sites.isEmpty() || sites.contains(siteId)) && !excludedSites.contains(siteId);
    }
}
