package org.rollcall.face;

import java.util.List;
import java.util.Optional;

/** Every face found in one image, with how long each stage took. */
public record FaceAnalysis(int imageWidth, int imageHeight, List<Face> faces, StageTimings timings) {

    /** Confidence slack for the primary-face rule: faces this close to the best score compete on size. */
    static final float PRIMARY_SCORE_SLACK = 0.05f;

    /**
     * The face an enrollment or a 1:1 comparison means: the largest among the confident ones.
     * A large low-confidence false positive (a blurred crowd) must not beat a real face, so only
     * faces whose score is near the best score compete on size.
     */
    public Optional<Face> primary() {
        float best = 0;
        for (Face f : faces) {
            best = Math.max(best, f.detection().score());
        }
        Face chosen = null;
        for (Face f : faces) {
            if (f.detection().score() >= best - PRIMARY_SCORE_SLACK
                    && (chosen == null || f.detection().box().area() > chosen.detection().box().area())) {
                chosen = f;
            }
        }
        return Optional.ofNullable(chosen);
    }
}
