package org.rollcall.face.detect;

import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGR2GRAY;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;

import org.bytedeco.opencv.opencv_core.Mat;
import org.rollcall.face.model.OnnxModel;

/** fr_landmark.onnx: 64x64 gray crop of the square box, v/256, to 68 iBUG points in [0,1] of the crop. */
public final class LandmarkModel {
    static final int SIZE = 64;
    private final OnnxModel model;

    public LandmarkModel(OnnxModel model) {
        this.model = model;
    }

    /** 68 points in image pixels. */
    public Landmarks locate(Mat bgr, Box box) {
        byte[] gray;
        try (Mat crop = Pixels.crop(bgr, box); Mat g = new Mat()) {
            cvtColor(crop, g, COLOR_BGR2GRAY);
            gray = Pixels.resizedBytes(g, SIZE, SIZE);
        }
        float[] input = new float[SIZE * SIZE];
        for (int i = 0; i < input.length; i++) {
            input[i] = (gray[i] & 0xff) / 256f;
        }
        float[] out = model.run(input, 1, 1, SIZE, SIZE)[0];
        Box b = box.clip(bgr.cols(), bgr.rows());
        float[] xy = new float[136];
        for (int i = 0; i < 68; i++) {
            xy[2 * i] = b.x1() + out[2 * i] * b.width();
            xy[2 * i + 1] = b.y1() + out[2 * i + 1] * b.height();
        }
        return new Landmarks(xy);
    }
}
