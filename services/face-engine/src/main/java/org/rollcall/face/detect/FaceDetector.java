package org.rollcall.face.detect;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.bytedeco.opencv.opencv_core.Mat;
import org.rollcall.face.model.OnnxModel;

/**
 * fr_detect.onnx: the whole frame resized to 320x240, RGB, (v-127)/128. Its outputs are
 * already softmaxed scores [4420,2] and already decoded normalised x1,y1,x2,y2 boxes [4420,4]
 * (the package's JavaScript prior decoding is dead code). Score-ordered greedy NMS, then
 * boxes are scaled back and made square.
 */
public final class FaceDetector {
    static final int WIDTH = 320;
    static final int HEIGHT = 240;

    private final OnnxModel model;
    private final float minScore;
    private final float nmsIou;

    public FaceDetector(OnnxModel model, float minScore, float nmsIou) {
        this.model = model;
        this.minScore = minScore;
        this.nmsIou = nmsIou;
    }

    public List<Detection> detect(Mat bgr) {
        float[] input = Pixels.toChw(bgr, WIDTH, HEIGHT, true, 127f, 128f);
        var out = model.runNamed(input, 1, 3, HEIGHT, WIDTH);
        float[] scores = out.get("scores");
        float[] boxes = out.get("boxes");
        if (scores == null || boxes == null) {
            throw new IllegalStateException("fr_detect.onnx did not return 'scores' and 'boxes' but " + out.keySet());
        }
        int n = scores.length / 2;
        int w = bgr.cols();
        int h = bgr.rows();
        List<Detection> candidates = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            float s = scores[2 * i + 1];
            if (s >= minScore) {
                Box b = new Box(boxes[4 * i] * w, boxes[4 * i + 1] * h, boxes[4 * i + 2] * w, boxes[4 * i + 3] * h);
                if (b.width() > 1 && b.height() > 1) {
                    candidates.add(new Detection(b, s));
                }
            }
        }
        candidates.sort(Comparator.comparingDouble(Detection::score).reversed());
        List<Detection> kept = new ArrayList<>();
        for (Detection c : candidates) {
            boolean overlaps = false;
            for (Detection k : kept) {
                if (k.box().iou(c.box()) > nmsIou) {
                    overlaps = true;
                    break;
                }
            }
            if (!overlaps) {
                kept.add(c);
            }
        }
        List<Detection> result = new ArrayList<>(kept.size());
        for (Detection k : kept) {
            Box sq = k.box().squared(w, h);
            if (sq.width() >= 8 && sq.height() >= 8) {
                result.add(new Detection(sq, k.score()));
            }
        }
        return result;
    }
}
