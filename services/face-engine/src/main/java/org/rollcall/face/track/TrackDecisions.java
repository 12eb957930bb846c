package org.rollcall.face.track;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * What each of a camera's tracks has been decided to be, and when that was last said. A track is
 * named only when the match of its quality-weighted mean embedding names a person, more than half
 * of its embeddings' quality weight (each matched on its own) agrees, and the agreement is not a
 * single frame against contrary evidence: a known person's first clear frame names the track at
 * once, but one frame that resembles someone (a stranger turning, a reflection) cannot rename a
 * track that other frames call someone else or unknown. A decision is to be published when it is the track's first,
 * when it changes, again after {@code refreshMillis} while the track stays in view (so a person
 * who stays is still seen), and when a named track's liveness has risen by {@link #LIVENESS_STEP}
 * since it was last published: a face's first frame (entering the picture, blurred) can read as a
 * presentation attack, and attendance judges each event by its liveness, so a person whose first
 * reading was low was refused until the refresh, minutes later (found by the WAN outage run: a
 * check-out visit decided at liveness 0.41 and never said again). Not thread-safe: a camera's
 * frames are processed in order.
 */
public final class TrackDecisions {
    /** Why a decision is published. */
    public enum Reason { FIRST, CHANGED, REFRESH, LIVENESS }

    /** How much a named track's liveness must rise before its decision is said again. */
    public static final double LIVENESS_STEP = 0.15;

    /** A decision to publish: the person (null = unknown) and why now. */
    public record Publication(String personId, Reason reason) {
    }

    private static final class State {
        final Map<String, Float> votes = new HashMap<>();
        final Map<String, Integer> counts = new HashMap<>();
        float total;
        int embeddings;
        boolean published;
        String personId;
        long publishedAt;
        Double liveness;
    }

    private static final String UNKNOWN = "";
    private final long refreshMillis;
    private final Map<String, State> tracks = new HashMap<>();

    public TrackDecisions(long refreshMillis) {
        if (refreshMillis <= 0) {
            throw new IllegalArgumentException("the decision refresh must be positive, was " + refreshMillis + " ms");
        }
        this.refreshMillis = refreshMillis;
    }

    /** One embedding of the track, matched on its own: its best person (null = nobody) and its quality. */
    public void vote(String trackId, String personId, float quality) {
        State s = tracks.computeIfAbsent(trackId, id -> new State());
        // the same floor as the tracker's weights: a poor frame still counts a little
        float w = Math.max(0.05f, quality);
        String who = personId == null ? UNKNOWN : personId;
        s.votes.merge(who, w, Float::sum);
        s.counts.merge(who, 1, Integer::sum);
        s.total += w;
        s.embeddings++;
    }

    /**
     * The track's decision: {@code meanPersonId} (what its mean embedding matches, null = unknown)
     * when more than half of its evidence agrees, from two frames or with nothing against it; else unknown.
     */
    public String decide(String trackId, String meanPersonId) {
        State s = tracks.get(trackId);
        if (meanPersonId == null || s == null || s.total <= 0) {
            return null;
        }
        float agree = s.votes.getOrDefault(meanPersonId, 0f);
        int agreeing = s.counts.getOrDefault(meanPersonId, 0);
        boolean corroborated = agreeing >= 2 || agreeing == s.embeddings;
        return agree > 0.5f * s.total && corroborated ? meanPersonId : null;
    }

    /** What to publish for this track now, or null when nothing new is to be said (no liveness known). */
    public Publication publish(String trackId, String decision, long timeMillis) {
        return publish(trackId, decision, timeMillis, null);
    }

    /** What to publish for this track now, given its liveness so far (null = not measured), or null. */
    public Publication publish(String trackId, String decision, long timeMillis, Double liveness) {
        State s = tracks.computeIfAbsent(trackId, id -> new State());
        Reason reason;
        if (!s.published) {
            reason = Reason.FIRST;
        } else if (!Objects.equals(s.personId, decision)) {
            reason = Reason.CHANGED;
        } else if (timeMillis - s.publishedAt >= refreshMillis) {
            reason = Reason.REFRESH;
        } else if (decision != null && liveness != null && s.liveness != null && liveness - s.liveness >= LIVENESS_STEP) {
            reason = Reason.LIVENESS;
        } else {
            return null;
        }
        s.published = true;
        s.personId = decision;
        s.publishedAt = timeMillis;
        s.liveness = liveness;
        return new Publication(decision, reason);
    }

    /** Forgets the tracks that ended. */
    public void retain(Predicate<String> active) {
        tracks.keySet().removeIf(active.negate());
    }

    public int size() {
        return tracks.size();
    }
}
