package org.rollcall.face;

import java.nio.file.Path;
import org.rollcall.face.embed.EmbedBatching;
import org.rollcall.face.image.ImageLimits;
import org.rollcall.face.model.ExecutionDevice;
import org.rollcall.face.model.ModelFiles;

/**
 * Engine settings. Defaults: {@link #defaults()}.
 *
 * @param modelDir where the verified ONNX files are (ROLLCALL_MODEL_DIR, else ~/.cache/rollcall/models)
 * @param workers predictors per model = faces analysed in parallel (default: available cores)
 * @param intraOpThreads ONNX Runtime threads per inference (default 1: parallelism comes from workers)
 * @param minDetectionScore detector confidence to keep a face (default 0.65)
 * @param nmsIou overlap above which the weaker of two boxes is dropped (default 0.4)
 * @param flipAugmentation average the embeddings of the face and its mirror (default true)
 * @param livenessRgb feed the liveness model RGB instead of BGR (default false: BGR)
 * @param limits image size and pixel-count guards
 * @param device where ONNX Runtime runs the models (default cpu; cuda falls back to cpu with a warning)
 * @param batching embeddings of concurrent faces in one inference (default off: one face at a time, the CPU's best latency)
 */
public record EngineConfig(Path modelDir, int workers, int intraOpThreads, float minDetectionScore, float nmsIou,
                           boolean flipAugmentation, boolean livenessRgb, ImageLimits limits, ExecutionDevice device,
                           EmbedBatching batching) {

    public static EngineConfig defaults() {
        return new EngineConfig(ModelFiles.defaultDirectory(), Runtime.getRuntime().availableProcessors(), 1,
                0.65f, 0.4f, true, false, ImageLimits.DEFAULT, ExecutionDevice.CPU, EmbedBatching.OFF);
    }

    public EngineConfig withWorkers(int n) {
        return new EngineConfig(modelDir, n, intraOpThreads, minDetectionScore, nmsIou, flipAugmentation, livenessRgb, limits, device,
                batching);
    }

    public EngineConfig withFlipAugmentation(boolean on) {
        return new EngineConfig(modelDir, workers, intraOpThreads, minDetectionScore, nmsIou, on, livenessRgb, limits, device,
                batching);
    }

    public EngineConfig withLivenessRgb(boolean on) {
        return new EngineConfig(modelDir, workers, intraOpThreads, minDetectionScore, nmsIou, flipAugmentation, on, limits, device,
                batching);
    }

    public EngineConfig withDevice(ExecutionDevice d) {
        return new EngineConfig(modelDir, workers, intraOpThreads, minDetectionScore, nmsIou, flipAugmentation, livenessRgb, limits, d,
                batching);
    }

    public EngineConfig withModelDir(Path dir) {
        return new EngineConfig(dir, workers, intraOpThreads, minDetectionScore, nmsIou, flipAugmentation, livenessRgb, limits, device,
                batching);
    }

    public EngineConfig withBatching(EmbedBatching b) {
        return new EngineConfig(modelDir, workers, intraOpThreads, minDetectionScore, nmsIou, flipAugmentation, livenessRgb, limits, device,
                b);
    }
}
