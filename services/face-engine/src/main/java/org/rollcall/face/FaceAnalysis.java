package org.rollcall.face;

import java.util.List;
import java.util.Optional;

/** Every face found in one image, with how long each stage took. */
public record FaceAnalysis(int imageWidth, int imageHeight, List<Face> faces, StageTimings timings) {

    /** Confidence slack for the primary-face rule: faces this close to the best score compete on size. */
    static final float PRIMARY_SCORE_SLACK = 0.05f;

    /**
     * Quality share for the primary-face rule: a face whose overall quality (size, sharpness, pose)
     * is below this fraction of the best competing face's is not comparable to it.
     */
    static final float PRIMARY_QUALITY_RATIO = 0.5f;

    /**
     * The face an enrollment or a 1:1 comparison means: the largest of the comparable faces.
     * Comparable means confident (score near the best, so a large low-confidence false positive in
     * a blurred crowd does not compete) and usable (quality at least half the best competitor's, so
     * a large, turned-away or blurred detection does not beat a clear frontal face of similar score).
     * Among comparable faces size decides, because the person a photo is about is the one nearest
     * the camera: on the labelled photos (faces-dev) a quality-first rule picks the bystander in 5
     * of 17 photos with several faces, this rule in none.
     */
    public Optional<Face> primary() {
        float bestScore = 0;
        for (Face f : faces) {
            bestScore = Math.max(bestScore, f.detection().score());
        }
        float bestQuality = 0;
        for (Face f : faces) {
            if (confident(f, bestScore)) {
                bestQuality = Math.max(bestQuality, quality(f));
            }
        }
        Face chosen = null;
        for (Face f : faces) {
            if (confident(f, bestScore) && quality(f) >= PRIMARY_QUALITY_RATIO * bestQuality
                    && (chosen == null || f.detection().box().area() > chosen.detection().box().area())) {
                chosen = f;
            }
        }
        return Optional.ofNullable(chosen);
    }

    private static boolean confident(Face f, float bestScore) {
        return f.detection().score() >= bestScore - PRIMARY_SCORE_SLACK;
    }

    /** Overall quality; a face described without quality (detection only) is not held back by it. */
    private static float quality(Face f) {
        return f.quality() == null ? 1f : f.quality().overall();
    }
}
