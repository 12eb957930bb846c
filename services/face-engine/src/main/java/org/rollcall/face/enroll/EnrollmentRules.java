package org.rollcall.face.enroll;

import org.rollcall.face.Face;
import org.rollcall.face.FaceAnalysis;

/**
 * What an enrollment photo must satisfy, in one place for the service (recognition's enrollment
 * API) and the tools that measure it (face identify), so both refuse the same photos.
 *
 * @param minScore detector confidence of the enrolled face (default 0.9)
 * @param minEyeDistance pixels between the eyes (default 22: on faces-dev, pairs with a face of 22-27 px
 *     miss no more often than pairs of larger faces, FNMR 2.2 % vs 1.9 % at the default threshold,
 *     while 28 px refused 46 % of those photos; below 22 px FNMR doubles)
 * @param minSharpness sharpness score in [0,1] (default 0.35)
 * @param minPose pose score in [0,1], 1 = frontal (default 0.35)
 * @param minLiveness live score below which the photo is taken for a spoof; negative = off (default 0.5)
 * @param otherFaceAreaRatio another face at least this fraction of the main face's area makes the photo ambiguous (default 0.25)
 */
public record EnrollmentRules(float minScore, float minEyeDistance, float minSharpness, float minPose, float minLiveness,
        float otherFaceAreaRatio) {

    public static final EnrollmentRules DEFAULT = new EnrollmentRules(0.9f, 22f, 0.35f, 0.35f, 0.5f, 0.25f);

    /** The face to enroll, or an {@link EnrollmentRefusal} that says why not. */
    public Face check(FaceAnalysis a) {
        if (a.faces().isEmpty()) {
            throw new EnrollmentRefusal("no_face", "No face was found in the photo.");
        }
        Face main = a.primary().orElseThrow();
        long others = a.faces().stream().filter(f -> f != main)
                .filter(f -> f.detection().box().area() >= otherFaceAreaRatio * main.detection().box().area())
                .count();
        if (others > 0) {
            throw new EnrollmentRefusal("several_faces", "The photo shows " + (others + 1) + " faces; use a photo of one person.");
        }
        if (main.detection().score() < minScore) {
            throw new EnrollmentRefusal("no_face", "No clear face was found in the photo.");
        }
        if (main.quality().eyeDistance() < minEyeDistance) {
            throw new EnrollmentRefusal("too_small", String.format("The face is too small (%.0f px between the eyes, at least %.0f needed).",
                    main.quality().eyeDistance(), minEyeDistance));
        }
        if (main.quality().sharpness() < minSharpness) {
            throw new EnrollmentRefusal("too_blurry", "The face is too blurry.");
        }
        if (main.quality().pose() < minPose) {
            throw new EnrollmentRefusal("not_frontal", "The face is turned away; use a photo facing the camera.");
        }
        if (minLiveness >= 0 && main.liveness() != null && main.liveness() < minLiveness) {
            throw new EnrollmentRefusal("spoof", "The photo looks like a photo of a photo or a screen.");
        }
        return main;
    }
}
