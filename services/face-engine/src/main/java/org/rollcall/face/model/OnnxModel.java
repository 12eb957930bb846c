package org.rollcall.face.model;

import ai.djl.Model;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.NoopTranslator;
import ai.djl.translate.TranslateException;
import ai.onnxruntime.OrtSession;
import java.io.ByteArrayInputStream;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * One ONNX model loaded once through DJL's ONNX Runtime engine, with a pool of predictors
 * (a predictor is not thread-safe). Intra-op spinning is off: spinning threads fight on small
 * machines and made 2 threads slower than 1.
 */
public final class OnnxModel implements AutoCloseable {
    static {
        DjlOffline.apply();
    }

    private final Model model;
    private final BlockingQueue<Predictor<NDList, NDList>> pool;
    private final List<Predictor<NDList, NDList>> all = new ArrayList<>();
    private final OrtSession.SessionOptions options;

    /** On a GPU when {@code device} is CUDA (resolved beforehand by {@link DeviceChoice}); batch size 1. */
    public OnnxModel(Path file, int predictors, int intraOpThreads, ExecutionDevice device) {
        this(file, predictors, intraOpThreads, device, false);
    }

    /**
     * With {@code batched} the model's batch axis is opened ({@link DynamicBatch}) so that
     * {@link #run} accepts a first dimension above 1.
     */
    public OnnxModel(Path file, int predictors, int intraOpThreads, ExecutionDevice device, boolean batched) {
        try {
            options = new OrtSession.SessionOptions();
            if (device.kind() == ExecutionDevice.Kind.CUDA) {
                options.addCUDA(device.index());
            }
            options.setIntraOpNumThreads(intraOpThreads);
            options.setInterOpNumThreads(1);
            options.addConfigEntry("session.intra_op.allow_spinning", "0");
            options.addConfigEntry("session.inter_op.allow_spinning", "0");
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            model = Model.newInstance(file.getFileName().toString(), "OnnxRuntime");
            if (batched) {
                byte[] opened = DynamicBatch.open(Files.readAllBytes(file));
                model.load(new ByteArrayInputStream(opened), Map.of("sessionOptions", options));
            } else {
                model.load(file, null, Map.of("sessionOptions", options));
            }
        } catch (Exception | UnsatisfiedLinkError e) {
            throw new ModelUnavailableException("cannot load " + file + ": " + e.getMessage(), e);
        }
        pool = new ArrayBlockingQueue<>(predictors);
        for (int i = 0; i < predictors; i++) {
            Predictor<NDList, NDList> p = model.newPredictor(new NoopTranslator());
            all.add(p);
            pool.add(p);
        }
    }

    /** Runs the model on one input tensor; returns each output as a flat float array, in output order. */
    public float[][] run(float[] input, long... shape) {
        return runNamed(input, shape).values().toArray(new float[0][]);
    }

    /** Runs the model on one input tensor; outputs by name (or by index when unnamed), in output order. */
    public Map<String, float[]> runNamed(float[] input, long... shape) {
        Predictor<NDList, NDList> p;
        try {
            p = pool.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a predictor", e);
        }
        try (NDManager manager = model.getNDManager().newSubManager()) {
            NDArray x = manager.create(FloatBuffer.wrap(input), new Shape(shape));
            NDList out = p.predict(new NDList(x));
            Map<String, float[]> result = new java.util.LinkedHashMap<>();
            for (int i = 0; i < out.size(); i++) {
                String name = out.get(i).getName();
                result.put(name == null || name.isEmpty() ? Integer.toString(i) : name, out.get(i).toFloatArray());
            }
            out.close();
            return result;
        } catch (TranslateException e) {
            throw new IllegalStateException("inference failed in " + model.getName() + ": " + e.getMessage(), e);
        } finally {
            pool.add(p);
        }
    }

    @Override
    public void close() {
        all.forEach(Predictor::close);
        model.close();
        try {
            options.close();
        } catch (RuntimeException e) {
            // already closed with the session
        }
    }
}
