package org.rollcall.face.image;

import org.bytedeco.opencv.opencv_core.Mat;

/** A decoded 8-bit BGR image, orientation applied. Owns native memory: close it. */
public final class DecodedImage implements AutoCloseable {
    private final Mat bgr;

    public DecodedImage(Mat bgr) {
        this.bgr = bgr;
    }

    public Mat bgr() {
        return bgr;
    }

    public int width() {
        return bgr.cols();
    }

    public int height() {
        return bgr.rows();
    }

    @Override
    public void close() {
        bgr.close();
    }
}
