package org.rollcall.face.quality;

import static org.bytedeco.opencv.global.opencv_core.CV_64F;
import static org.bytedeco.opencv.global.opencv_core.meanStdDev;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGR2GRAY;
import static org.bytedeco.opencv.global.opencv_imgproc.Laplacian;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;

import org.bytedeco.javacpp.indexer.DoubleIndexer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.rollcall.face.detect.Landmarks;
import org.rollcall.face.embed.FaceAligner;

/**
 * Face quality from what matters for recognition: size (pixels between the eyes), sharpness
 * (variance of the Laplacian of the aligned face) and pose (yaw and pitch estimated from the
 * landmarks). Each is mapped to [0,1]; the overall quality is their geometric mean.
 */
public final class QualityAssessor {
    /** Inter-ocular distance at which size stops mattering (the aligned template has ~35 px). */
    static final float FULL_SIZE_EYE_DISTANCE = 35f;
    /** Laplacian variance of a sharp aligned face; below this the face is increasingly blurred. */
    static final double SHARP_VARIANCE = 150;
    static final float[] REF = FaceAligner.REFERENCE_POINTS;
    static final double REF_EYE_DISTANCE = REF[2] - REF[0];

    public Quality assess(Landmarks lm, Mat aligned112) {
        float[] p = lm.fivePoints();
        float eyeDx = p[2] - p[0];
        float eyeDy = p[3] - p[1];
        float eyeDistance = (float) Math.hypot(eyeDx, eyeDy);
        float size = Math.min(1f, eyeDistance / FULL_SIZE_EYE_DISTANCE);

        double variance = laplacianVariance(aligned112);
        float sharpness = (float) Math.min(1.0, variance / SHARP_VARIANCE);

        // pose in the aligned frame (roll and scale removed): how far the nose tip sits from
        // where the ArcFace reference puts it, in units of the reference eye distance
        double[] m = FaceAligner.similarity(p, FaceAligner.REFERENCE_POINTS);
        double noseX = m[0] * p[4] + m[1] * p[5] + m[2];
        double noseY = m[3] * p[4] + m[4] * p[5] + m[5];
        float yaw = (float) ((noseX - REF[4]) / REF_EYE_DISTANCE);
        float pitch = (float) ((noseY - REF[5]) / REF_EYE_DISTANCE);
        float pose = clamp01(1 - Math.abs(yaw) / 0.45f) * clamp01(1 - Math.abs(pitch) / 0.45f);

        float overall = (float) Math.cbrt(Math.max(1e-4, size) * Math.max(1e-4, sharpness) * Math.max(1e-4, pose));
        return new Quality(overall, size, sharpness, pose, eyeDistance, (float) variance, yaw);
    }

    static double laplacianVariance(Mat bgr) {
        try (Mat gray = new Mat(); Mat lap = new Mat(); Mat mean = new Mat(); Mat std = new Mat()) {
            cvtColor(bgr, gray, COLOR_BGR2GRAY);
            Laplacian(gray, lap, CV_64F);
            meanStdDev(lap, mean, std);
            try (DoubleIndexer idx = std.createIndexer()) {
                double s = idx.get(0);
                return s * s;
            }
        }
    }

    private static float clamp01(float v) {
        return Math.max(0, Math.min(1, v));
    }
}
