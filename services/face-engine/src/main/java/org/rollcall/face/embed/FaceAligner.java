package org.rollcall.face.embed;

import static org.bytedeco.opencv.global.opencv_core.BORDER_CONSTANT;
import static org.bytedeco.opencv.global.opencv_core.CV_64F;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_LINEAR;
import static org.bytedeco.opencv.global.opencv_imgproc.warpAffine;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * Least-squares similarity transform (rotation, uniform scale, translation; no shear or
 * reflection) of all five points onto the ArcFace 112x112 reference, then warpAffine.
 * (The package's 3-point affine distorts faces and is measurably worse.)
 */
public final class FaceAligner {
    public static final int SIZE = 112;
    public static final float[] REFERENCE_POINTS = {
        38.2946f, 51.6963f, 73.5318f, 51.5014f, 56.0252f, 71.7366f, 41.5493f, 92.3655f, 70.7299f, 92.2041f
    };

    /** The 2x3 matrix [[a, -b, tx], [b, a, ty]] mapping the five points onto the reference. */
    public static double[] similarity(float[] src, float[] dst) {
        int n = src.length / 2;
        double msx = 0;
        double msy = 0;
        double mdx = 0;
        double mdy = 0;
        for (int i = 0; i < n; i++) {
            msx += src[2 * i];
            msy += src[2 * i + 1];
            mdx += dst[2 * i];
            mdy += dst[2 * i + 1];
        }
        msx /= n;
        msy /= n;
        mdx /= n;
        mdy /= n;
        double num1 = 0;
        double num2 = 0;
        double den = 0;
        for (int i = 0; i < n; i++) {
            double sx = src[2 * i] - msx;
            double sy = src[2 * i + 1] - msy;
            double dx = dst[2 * i] - mdx;
            double dy = dst[2 * i + 1] - mdy;
            num1 += sx * dx + sy * dy;
            num2 += sx * dy - sy * dx;
            den += sx * sx + sy * sy;
        }
        if (den < 1e-9) {
            throw new IllegalArgumentException("degenerate landmarks");
        }
        double a = num1 / den;
        double b = num2 / den;
        double tx = mdx - (a * msx - b * msy);
        double ty = mdy - (b * msx + a * msy);
        return new double[] {a, -b, tx, b, a, ty};
    }

    /** The aligned 112x112 BGR face (caller closes it). */
    public Mat align(Mat bgr, float[] fivePoints) {
        double[] m = similarity(fivePoints, REFERENCE_POINTS);
        Mat out = new Mat();
        try (DoublePointer p = new DoublePointer(m); Mat matrix = new Mat(2, 3, CV_64F, p)) {
            warpAffine(bgr, out, matrix, new Size(SIZE, SIZE), INTER_LINEAR, BORDER_CONSTANT, new Scalar(0.0));
        }
        return out;
    }
}
