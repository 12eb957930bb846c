package org.rollcall.tools.face;

import java.util.ArrayList;
import java.util.List;
import org.bytedeco.opencv.opencv_core.Mat;
import org.rollcall.face.EngineConfig;
import org.rollcall.face.Face;
import org.rollcall.face.FaceEngine;
import org.rollcall.face.embed.EmbedBatching;
import org.rollcall.face.embed.Embedder;
import org.rollcall.face.embed.FaceAligner;
import org.rollcall.face.image.DecodedImage;
import org.rollcall.face.model.DeviceChoice;
import org.rollcall.face.model.ModelFiles;
import org.rollcall.face.model.OnnxModel;

/**
 * The embedding model alone at batch 1, 8 and 32 on the chosen device: the fixture photos' aligned
 * faces (cycled to 64), one caller, no flip, so that a batch of N is N faces. Batch 1 is the
 * production CPU path (the published model, one face per inference); the others use the model
 * with its batch axis opened and the engine's batcher. Each size is warmed up on the same work.
 */
final class BatchBench {
    private static final int FACES = 64;
    private static final int[] SIZES = {1, 8, 32};

    private BatchBench() {
    }

    static void run(EngineConfig config, List<byte[]> photos, int rounds) {
        List<Mat> aligned = alignedFaces(config, photos);
        try {
            var device = DeviceChoice.resolve(config.device()).used();
            var feature = ModelFiles.verify(config.modelDir()).path(ModelFiles.FEATURE);
            System.out.println();
            System.out.println("embedding batches (" + device + ", 1 caller, " + FACES + " faces a round, no flip)");
            System.out.println("batch   faces/s   ms/batch median   ms/face   vs batch 1");
            double base = Double.NaN;
            for (int size : SIZES) {
                EmbedBatching batching = size == 1 ? EmbedBatching.OFF : new EmbedBatching(size, java.time.Duration.ZERO);
                try (OnnxModel model = new OnnxModel(feature, 1, config.intraOpThreads(), device, batching.on());
                     Embedder embedder = new Embedder(model, batching)) {
                    for (int w = 0; w < 2; w++) {
                        embedder.embedAll(aligned, false);
                    }
                    List<Long> perBatch = new ArrayList<>();
                    long total = 0;
                    for (int r = 0; r < rounds; r++) {
                        for (int i = 0; i < FACES; i += size) {
                            List<Mat> batch = aligned.subList(i, Math.min(FACES, i + size));
                            long t0 = System.nanoTime();
                            embedder.embedAll(batch, false);
                            long t = System.nanoTime() - t0;
                            perBatch.add(t);
                            total += t;
                        }
                    }
                    double facesPerSecond = (double) FACES * rounds / (total / 1e9);
                    if (size == 1) {
                        base = facesPerSecond;
                    }
                    System.out.printf("%-7d %-9.1f %-17.2f %-9.2f %.2fx%n", size, facesPerSecond,
                            BenchCommand.ms(BenchCommand.median(perBatch)), total / 1e6 / (FACES * rounds), facesPerSecond / base);
                }
            }
        } finally {
            aligned.forEach(Mat::close);
        }
    }

    private static List<Mat> alignedFaces(EngineConfig config, List<byte[]> photos) {
        List<Mat> all = new ArrayList<>();
        FaceAligner aligner = new FaceAligner();
        try (FaceEngine engine = new FaceEngine(config.withWorkers(1).withBatching(EmbedBatching.OFF))) {
            for (byte[] p : photos) {
                try (DecodedImage image = engine.decode(p)) {
                    for (Face f : engine.analyze(image, FaceEngine.Options.DETECT_ONLY).faces()) {
                        all.add(aligner.align(image.bgr(), f.landmarks().fivePoints()));
                    }
                }
            }
        }
        List<Mat> cycled = new ArrayList<>(FACES);
        for (int i = 0; i < FACES; i++) {
            cycled.add(all.get(i % all.size()).clone());
        }
        all.forEach(Mat::close);
        return cycled;
    }
}
