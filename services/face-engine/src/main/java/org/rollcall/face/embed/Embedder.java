package org.rollcall.face.embed;

import static org.bytedeco.opencv.global.opencv_core.flip;

import java.util.ArrayList;
import java.util.List;
import org.bytedeco.opencv.opencv_core.Mat;
import org.rollcall.face.detect.Pixels;
import org.rollcall.face.model.OnnxModel;

/**
 * fr_feature.onnx: aligned 112x112 RGB, (v-127)/128, to 512 floats, L2-normalised. With flip
 * test-time augmentation the embeddings of the face and its mirror image are averaged, which
 * makes the template less sensitive to pose and lighting asymmetry (twice the cost). With
 * batching on, the inputs go through an {@link EmbeddingBatcher} shared by all callers (the
 * model must then be loaded with its batch axis open); off, each image runs alone.
 */
public final class Embedder implements AutoCloseable {
    public static final int DIMENSIONS = 512;
    private static final int SIDE = FaceAligner.SIZE;
    private final OnnxModel model;
    private final EmbeddingBatcher batcher;

    public Embedder(OnnxModel model) {
        this(model, EmbedBatching.OFF);
    }

    public Embedder(OnnxModel model, EmbedBatching batching) {
        this.model = model;
        this.batcher = batching.on() ? new EmbeddingBatcher(this::runBatch, batching) : null;
    }

    public float[] embed(Mat aligned112, boolean flipAugmentation) {
        return embedAll(List.of(aligned112), flipAugmentation).get(0);
    }

    /** One embedding per aligned face, in order (with batching on, in as few inferences as the settings allow). */
    public List<float[]> embedAll(List<Mat> aligned112, boolean flipAugmentation) {
        List<float[]> inputs = new ArrayList<>(aligned112.size() * 2);
        for (Mat face : aligned112) {
            inputs.add(tensor(face));
            if (flipAugmentation) {
                try (Mat mirrored = new Mat()) {
                    flip(face, mirrored, 1);
                    inputs.add(tensor(mirrored));
                }
            }
        }
        List<float[]> rows = batcher != null ? batcher.run(inputs) : inputs.stream().map(this::runOne).toList();
        List<float[]> out = new ArrayList<>(aligned112.size());
        int step = flipAugmentation ? 2 : 1;
        for (int i = 0; i < rows.size(); i += step) {
            float[] e = rows.get(i).clone();
            if (flipAugmentation) {
                float[] m = rows.get(i + 1).clone();
                normalize(e);
                normalize(m);
                for (int d = 0; d < e.length; d++) {
                    e[d] += m[d];
                }
            }
            normalize(e);
            out.add(e);
        }
        return out;
    }

    /** Batches run and images embedded by the batcher (0, 0 with batching off). */
    public long[] batchStats() {
        return batcher == null ? new long[] {0, 0} : new long[] {batcher.batches(), batcher.inputs()};
    }

    private static float[] tensor(Mat face) {
        return Pixels.toChw(face, SIDE, SIDE, true, 127f, 128f);
    }

    private float[] runOne(float[] input) {
        return model.run(input, 1, 3, SIDE, SIDE)[0];
    }

    /** One inference over a stack of inputs; the model's output is the rows one after another. */
    List<float[]> runBatch(List<float[]> inputs) {
        int n = inputs.size();
        int each = inputs.get(0).length;
        float[] stacked = new float[n * each];
        for (int i = 0; i < n; i++) {
            System.arraycopy(inputs.get(i), 0, stacked, i * each, each);
        }
        float[] flat = model.run(stacked, n, 3, SIDE, SIDE)[0];
        if (flat.length != n * DIMENSIONS) {
            throw new IllegalStateException("a batch of " + n + " faces gave " + flat.length + " values");
        }
        List<float[]> rows = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            float[] row = new float[DIMENSIONS];
            System.arraycopy(flat, i * DIMENSIONS, row, 0, DIMENSIONS);
            rows.add(row);
        }
        return rows;
    }

    @Override
    public void close() {
        if (batcher != null) {
            batcher.close();
        }
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
