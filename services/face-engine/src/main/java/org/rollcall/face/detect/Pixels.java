package org.rollcall.face.detect;

import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_LINEAR;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Size;

/** Mat to model-input helpers. Every Mat made here is closed here. */
public final class Pixels {
    private Pixels() {
    }

    /** Resizes a BGR image and lays it out as NCHW floats: (v - mean) / scale, in RGB or BGR order. */
    public static float[] toChw(Mat bgr, int width, int height, boolean rgb, float mean, float scale) {
        byte[] hwc = resizedBytes(bgr, width, height);
        int plane = width * height;
        float[] out = new float[3 * plane];
        for (int i = 0; i < plane; i++) {
            float b = hwc[3 * i] & 0xff;
            float g = hwc[3 * i + 1] & 0xff;
            float r = hwc[3 * i + 2] & 0xff;
            out[i] = ((rgb ? r : b) - mean) / scale;
            out[plane + i] = (g - mean) / scale;
            out[2 * plane + i] = ((rgb ? b : r) - mean) / scale;
        }
        return out;
    }

    /** Resized copy as packed bytes (channels interleaved). */
    public static byte[] resizedBytes(Mat src, int width, int height) {
        try (Mat dst = new Mat()) {
            int interpolation = src.cols() > width ? INTER_AREA : INTER_LINEAR;
            resize(src, dst, new Size(width, height), 0, 0, interpolation);
            return bytes(dst);
        }
    }

    public static byte[] bytes(Mat m) {
        try (Mat c = m.isContinuous() ? null : m.clone()) {
            Mat src = c == null ? m : c;
            byte[] out = new byte[(int) (src.total() * src.channels())];
            src.data().get(out);
            return out;
        }
    }

    /** A view of {@code box} inside {@code image} (shares memory; close the returned Mat). */
    public static Mat crop(Mat image, Box box) {
        Box b = box.clip(image.cols(), image.rows());
        int x = (int) Math.floor(b.x1());
        int y = (int) Math.floor(b.y1());
        int w = Math.max(1, Math.min(image.cols() - x, Math.round(b.width())));
        int h = Math.max(1, Math.min(image.rows() - y, Math.round(b.height())));
        return new Mat(image, new Rect(x, y, w, h));
    }
}
