package org.rollcall.events.view;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.rollcall.events.EventCodec;
import org.rollcall.events.Keys;
import org.rollcall.events.RecentFace;

/**
 * The dashboard's recent faces and repeated unknown visitors, folded from
 * rollcall.recent-faces.v1 (whichever recognition instance published them): per organization the
 * latest faces and each visitor's best crop and count. A tombstone forgets a person's or a
 * visitor's faces. Memory only; thread-safe.
 */
public final class RecentFacesView {
    public static final int RECENT = 24;
    static final int VISITORS = 200;
    static final Duration VISITOR_TTL = Duration.ofHours(24);

    /** A visitor as the dashboard shows it: how often seen (by the instance that saw it most), when last, the best crop. */
    public record Visitor(String clusterId, int sightings, Instant lastSeen, byte[] crop) {
    }

    private final EventCodec codec = new EventCodec();
    private final Map<String, Org> orgs = new ConcurrentHashMap<>();

    private static final class Org {
        final List<RecentFace> recent = new ArrayList<>();
        final Map<String, Visitor> visitors = new HashMap<>();
    }

    /** One record of the topic: a face, or a tombstone (key orgId/person|visitor/id). */
    public void apply(String key, byte[] value) {
        String[] k = Keys.split(key, 3);
        Org org = orgs.computeIfAbsent(k[0], o -> new Org());
        synchronized (org) {
            if (value == null) {
                if (RecentFace.PERSON.equals(k[1])) {
                    org.recent.removeIf(f -> k[2].equals(f.personId()));
                } else {
                    org.recent.removeIf(f -> k[2].equals(f.unknownClusterId()));
                    org.visitors.remove(k[2]);
                }
                return;
            }
            RecentFace f = codec.decode(value, RecentFace.class);
            if (!f.key().equals(key)) {
                throw new IllegalArgumentException("record key " + key + " does not match its face " + f.key());
            }
            org.recent.add(f);
            // partitions interleave: order by capture time, keep the latest
            org.recent.sort(Comparator.comparing(RecentFace::at).reversed());
            while (org.recent.size() > RECENT) {
                org.recent.remove(org.recent.size() - 1);
            }
            if (f.unknownClusterId() != null) {
                Visitor before = org.visitors.get(f.unknownClusterId());
                byte[] crop = f.crop() != null ? f.crop() : before == null ? null : before.crop();
                Instant last = before == null || f.at().isAfter(before.lastSeen()) ? f.at() : before.lastSeen();
                int sightings = Math.max(f.sightings(), before == null ? 0 : before.sightings());
                if (crop != null) {
                    org.visitors.put(f.unknownClusterId(), new Visitor(f.unknownClusterId(), sightings, last, crop));
                }
                org.visitors.values().removeIf(v -> v.lastSeen().plus(VISITOR_TTL).isBefore(last));
                while (org.visitors.size() > VISITORS) {
                    org.visitors.values().stream().min(Comparator.comparing(Visitor::lastSeen))
                            .ifPresent(v -> org.visitors.remove(v.clusterId()));
                }
            }
        }
    }

    /** The organization's latest faces, newest first. */
    public List<RecentFace> recent(String orgId) {
        Org org = orgs.get(orgId);
        if (org == null) {
            return List.of();
        }
        synchronized (org) {
            return List.copyOf(org.recent);
        }
    }

    /** Visitors seen at least {@code min} times, most seen first (at most 10). */
    public List<Visitor> visitors(String orgId, int min) {
        Org org = orgs.get(orgId);
        if (org == null) {
            return List.of();
        }
        synchronized (org) {
            return org.visitors.values().stream().filter(v -> v.sightings() >= min)
                    .sorted(Comparator.comparingInt(Visitor::sightings).reversed()).limit(10).toList();
        }
    }

    public Visitor visitor(String orgId, String clusterId) {
        Org org = orgs.get(orgId);
        if (org == null) {
            return null;
        }
        synchronized (org) {
            return org.visitors.get(clusterId);
        }
    }

    /** The keys an organization's faces are under (to tombstone them all when it is erased). */
    public List<String> keys(String orgId) {
        Org org = orgs.get(orgId);
        if (org == null) {
            return List.of();
        }
        synchronized (org) {
            List<String> keys = new ArrayList<>();
            org.recent.forEach(f -> keys.add(f.key()));
            org.visitors.keySet().forEach(c -> keys.add(RecentFace.key(orgId, RecentFace.VISITOR, c)));
            return keys.stream().distinct().toList();
        }
    }
}
