package org.rollcall.face.quality;

import static org.bytedeco.opencv.global.opencv_core.meanStdDev;

import org.bytedeco.javacpp.indexer.DoubleIndexer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.rollcall.face.detect.Box;

/**
 * The picture inside an image's padding: letterbox and pillarbox bars (and a tight portrait padded
 * to a frame) are rows or columns of one flat colour at the edges. The liveness model reads the
 * context around a face, and flat bars in it look like a screen or a print's border (a tight face
 * padded with black scores ~0.1 live instead of ~1.0), so its context stays inside the picture.
 */
final class ContentBounds {
    /** Largest per-channel standard deviation of a row or column still taken for a flat bar (JPEG noise on black is ~1). */
    static final double FLAT_STD = 4.0;
    /** Largest difference between a bar's mean colour and the outermost line's. */
    static final double SAME_COLOUR = 8.0;

    private ContentBounds() {
    }

    /** The region inside flat-colour borders, or the whole image when it has none (or is all one colour). */
    static Box of(Mat bgr) {
        int w = bgr.cols();
        int h = bgr.rows();
        int top = 0;
        int bottom = h;
        int left = 0;
        int right = w;
        double[] edge = stats(bgr, new Rect(0, 0, w, 1));
        while (top < h - 1 && flat(bgr, new Rect(0, top, w, 1), edge)) {
            top++;
        }
        edge = stats(bgr, new Rect(0, h - 1, w, 1));
        while (bottom - 1 > top && flat(bgr, new Rect(0, bottom - 1, w, 1), edge)) {
            bottom--;
        }
        edge = stats(bgr, new Rect(0, top, 1, bottom - top));
        while (left < w - 1 && flat(bgr, new Rect(left, top, 1, bottom - top), edge)) {
            left++;
        }
        edge = stats(bgr, new Rect(w - 1, top, 1, bottom - top));
        while (right - 1 > left && flat(bgr, new Rect(right - 1, top, 1, bottom - top), edge)) {
            right--;
        }
        if (bottom - top < 2 || right - left < 2) {
            return new Box(0, 0, w, h);
        }
        return new Box(left, top, right, bottom);
    }

    private static boolean flat(Mat bgr, Rect line, double[] edge) {
        double[] s = stats(bgr, line);
        int channels = s.length / 2;
        for (int c = 0; c < channels; c++) {
            if (s[channels + c] > FLAT_STD || edge[channels + c] > FLAT_STD || Math.abs(s[c] - edge[c]) > SAME_COLOUR) {
                return false;
            }
        }
        return true;
    }

    /** Per-channel means, then per-channel standard deviations. */
    private static double[] stats(Mat bgr, Rect r) {
        try (Mat roi = new Mat(bgr, r); Mat mean = new Mat(); Mat std = new Mat()) {
            meanStdDev(roi, mean, std);
            int n = bgr.channels();
            double[] out = new double[2 * n];
            try (DoubleIndexer m = mean.createIndexer(); DoubleIndexer s = std.createIndexer()) {
                for (int c = 0; c < n; c++) {
                    out[c] = m.get(c);
                    out[n + c] = s.get(c);
                }
            }
            return out;
        }
    }
}
