package org.rollcall.recognition.frames;

import java.util.HashMap;
import java.util.Map;
import org.rollcall.face.track.FaceTracker;
import org.rollcall.face.track.TrackDecisions;
import org.rollcall.face.track.TrackerConfig;

/**
 * What one camera's frames remember: its face tracks and, per track, the evidence behind the
 * decision (mean live score, the unknown-visitor id) and the decision last published. Used only by the camera's lane thread;
 * dropped when the camera's partition moves to another instance.
 */
public final class CameraState {
    final FaceTracker tracker;
    final TrackDecisions decisions;
    final int partition;
    private final Map<String, Evidence> evidence = new HashMap<>();

    public CameraState(String cameraId, int partition, TrackerConfig config, long decisionRefreshMillis) {
        this.tracker = new FaceTracker(cameraId, config);
        this.decisions = new TrackDecisions(decisionRefreshMillis);
        this.partition = partition;
    }

    Evidence evidence(String trackId) {
        if (evidence.size() > 4 * Math.max(16, tracker.activeTracks())) {
            // tracks end inside the tracker; forget their evidence and decisions too
            evidence.keySet().removeIf(id -> tracker.embeddingCount(id) == 0);
            decisions.retain(evidence::containsKey);
        }
        return evidence.computeIfAbsent(trackId, id -> new Evidence());
    }

    static final class Evidence {
        double livenessSum;
        int livenessCount;
        String unknownCluster;

        void addLiveness(float live) {
            livenessSum += live;
            livenessCount++;
        }

        Double liveness() {
            return livenessCount == 0 ? null : Math.max(0, Math.min(1, livenessSum / livenessCount));
        }
    }
}
