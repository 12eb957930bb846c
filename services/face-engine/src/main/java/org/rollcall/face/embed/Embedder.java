package org.rollcall.face.embed;

import static org.bytedeco.opencv.global.opencv_core.flip;

import org.bytedeco.opencv.opencv_core.Mat;
import org.rollcall.face.detect.Pixels;
import org.rollcall.face.model.OnnxModel;

/**
 * fr_feature.onnx: aligned 112x112 RGB, (v-127)/128, to 512 floats, L2-normalised. With flip
 * test-time augmentation the embeddings of the face and its mirror image are averaged, which
 * makes the template less sensitive to pose and lighting asymmetry (twice the cost).
 */
public final class Embedder {
    public static final int DIMENSIONS = 512;
    private final OnnxModel model;

    public Embedder(OnnxModel model) {
        this.model = model;
    }

    public float[] embed(Mat aligned112, boolean flipAugmentation) {
        float[] e = run(aligned112);
        if (flipAugmentation) {
            try (Mat mirrored = new Mat()) {
                flip(aligned112, mirrored, 1);
                float[] m = run(mirrored);
                normalize(e);
                normalize(m);
                for (int i = 0; i < e.length; i++) {
                    e[i] += m[i];
                }
            }
        }
        normalize(e);
        return e;
    }

    private float[] run(Mat face) {
        float[] input = Pixels.toChw(face, FaceAligner.SIZE, FaceAligner.SIZE, true, 127f, 128f);
        return model.run(input, 1, 3, FaceAligner.SIZE, FaceAligner.SIZE)[0];
    }

    public static void normalize(float[] v) {
        double s = 0;
        for (float x : v) {
            s += x * x;
        }
        double n = Math.sqrt(s);
        if (n > 1e-12) {
            for (int i = 0; i < v.length; i++) {
                v[i] = (float) (v[i] / n);
            }
        }
    }

    public static float cosine(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return (float) s;
    }
}
