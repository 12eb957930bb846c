package org.rollcall.recognition.frames;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.rollcall.face.cluster.UnknownClusters;
import org.rollcall.face.embed.Embedder;

/**
 * Online grouping of unknown faces per organization: a new unknown track joins the nearest recent
 * visitor within the DBSCAN radius of {@link UnknownClusters} (cosine distance), or starts a new
 * visitor id. Bounded: the oldest visitors are forgotten first. Identity runs the batch DBSCAN
 * over stored sightings for its "enroll as..." view; this gives the live stream a stable id.
 * Nobody consented to this: a visitor is forgotten {@code retention} after it was last seen, and
 * with no retention (the default) nothing is kept at all.
 */
final class UnknownVisitors {
    static final int MAX_PER_ORG = 2000;

    private final Map<String, List<Visitor>> byOrg = new ConcurrentHashMap<>();
    private final Duration retention;

    private record Visitor(String id, float[] centroid, long lastSeen) {
    }

    UnknownVisitors(Duration retention) {
        this.retention = retention;
    }

    boolean enabled() {
        return !retention.isZero() && !retention.isNegative();
    }

    /** The visitor id of an unknown face seen at {@code atMillis}, or null when unknown faces are not kept. */
    String assign(String orgId, float[] embedding, long atMillis) {
        if (!enabled()) {
            return null;
        }
        List<Visitor> visitors = byOrg.computeIfAbsent(orgId, o -> new ArrayList<>());
        synchronized (visitors) {
            long oldest = atMillis - retention.toMillis();
            visitors.removeIf(v -> v.lastSeen() < oldest);
            float bestSim = (float) (1 - UnknownClusters.DEFAULT_RADIUS);
            Visitor best = null;
            for (Visitor v : visitors) {
                float s = Embedder.cosine(v.centroid(), embedding);
                if (s >= bestSim) {
                    bestSim = s;
                    best = v;
                }
            }
            if (best != null) {
                visitors.remove(best);
                visitors.add(new Visitor(best.id(), best.centroid(), Math.max(best.lastSeen(), atMillis)));
                return best.id();
            }
            Visitor v = new Visitor("u-" + UUID.randomUUID().toString().substring(0, 12), embedding.clone(), atMillis);
            visitors.add(v);
            if (visitors.size() > MAX_PER_ORG) {
                visitors.remove(0);
            }
            return v.id();
        }
    }
}
