package org.rollcall.face.quality;

import org.bytedeco.opencv.opencv_core.Mat;
import org.rollcall.face.detect.Box;
import org.rollcall.face.detect.Pixels;
import org.rollcall.face.model.OnnxModel;

/**
 * fr_liveness.onnx (presentation-attack detection): the square face box scaled x2.7 about its
 * centre and shifted inside the picture (the image without flat padding bars, {@link ContentBounds}),
 * 128x128, raw 0..255 values, to 3 logits; softmax index 0 is "live". Which channel order the model was trained on is not documented, so it is a setting.
 */
public final class LivenessModel {
    static final int SIZE = 128;
    static final float CONTEXT = 2.7f;
    private final OnnxModel model;
    private final boolean rgb;

    public LivenessModel(OnnxModel model, boolean rgb) {
        this.model = model;
        this.rgb = rgb;
    }

    /** Probability that the face is live, in [0,1]. */
    public float score(Mat bgr, Box face) {
        Box context = context(face, ContentBounds.of(bgr));
        float[] input;
        try (Mat crop = Pixels.crop(bgr, context)) {
            input = Pixels.toChw(crop, SIZE, SIZE, rgb, 0f, 1f);
        }
        float[] logits = model.run(input, 1, 3, SIZE, SIZE)[0];
        double max = Math.max(logits[0], Math.max(logits[1], logits[2]));
        double e0 = Math.exp(logits[0] - max);
        double sum = e0 + Math.exp(logits[1] - max) + Math.exp(logits[2] - max);
        return (float) (e0 / sum);
    }

    /**
     * The x2.7 context box, limited to what fits in {@code picture} (the image without its padding)
     * and shifted, not cut, to stay inside it: the model always sees a square of real picture.
     */
    static Box context(Box face, Box picture) {
        float w = picture.width();
        float h = picture.height();
        float scale = Math.max(1f, Math.min(CONTEXT, Math.min((h - 1) / face.height(), (w - 1) / face.width())));
        Box b = face.scaled(scale);
        float minX = picture.x1();
        float minY = picture.y1();
        float maxX = picture.x2() - 1;
        float maxY = picture.y2() - 1;
        float dx = b.x1() < minX ? minX - b.x1() : (b.x2() > maxX ? maxX - b.x2() : 0);
        float dy = b.y1() < minY ? minY - b.y1() : (b.y2() > maxY ? maxY - b.y2() : 0);
        return new Box(Math.max(minX, b.x1() + dx), Math.max(minY, b.y1() + dy), Math.min(maxX, b.x2() + dx),
                Math.min(maxY, b.y2() + dy));
    }
}
