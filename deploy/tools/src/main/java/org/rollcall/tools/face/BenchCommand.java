package org.rollcall.tools.face;

import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;
import org.rollcall.face.EngineConfig;
import org.rollcall.face.FaceAnalysis;
import org.rollcall.face.FaceEngine;
import org.rollcall.face.StageTimings;
import org.rollcall.face.embed.Embedder;
import org.rollcall.face.fixtures.FixtureSet;
import org.rollcall.face.gallery.Gallery;
import org.rollcall.face.gallery.Match;
import org.rollcall.face.image.Jpeg;
import org.rollcall.face.model.ExecutionDevice;

/**
 * bench: per-stage median/p95 on the fixture photos with 1 and 2 worker threads, camera-frame
 * cost at 640x480, the embedding model at batch 1/8/32, and gallery search at 10k/100k/1M
 * templates. Ends with one summary line.
 * --quick stops the gallery at 100k (for small heaps).
 */
final class BenchCommand {
    private BenchCommand() {
    }

    static void run(EngineConfig config, String[] args) throws Exception {
        boolean quick = Arrays.asList(args).contains("--quick");
        int d = Arrays.asList(args).indexOf("--device");
        EngineConfig base = d >= 0 && d + 1 < args.length
                ? config.withDevice(ExecutionDevice.parse(args[d + 1])) : config;
        List<byte[]> photos = new ArrayList<>();
        for (var p : FixtureSet.samples()) {
            photos.add(Files.readAllBytes(p));
        }
        // camera-sized frames: the fixture photos resized to 640x480
        List<byte[]> frames = new ArrayList<>();
        String device;
        try (FaceEngine probe = new FaceEngine(base.withWorkers(1))) {
            device = probe.device().used() + (probe.device().fellBack()
                    ? " (" + probe.device().requested() + " requested: " + probe.device().fallbackReason() + ")" : "");
            for (byte[] p : photos) {
                try (var img = probe.decode(p); Mat small = new Mat()) {
                    resize(img.bgr(), small, new Size(640, 480), 0, 0, INTER_AREA);
                    frames.add(Jpeg.encode(small, 90));
                }
            }
        }
        System.out.println("Rollcall face-engine bench (" + Runtime.getRuntime().availableProcessors() + " cores, flip="
                + base.flipAugmentation() + ", device " + device + ")");
        System.out.println();
        System.out.println("stage (ms)         threads  median    p95");
        double embedMs = 0;
        double detectMs = 0;
        double frameMs = 0;
        double framesPerSecond1 = 0;
        for (int threads : new int[] {1, 2}) {
            try (FaceEngine engine = new FaceEngine(base.withWorkers(threads))) {
                for (int w = 0; w < 2; w++) {
                    photos.forEach(engine::analyze);
                }
                List<long[]> perFace = new ArrayList<>();
                List<Long> detect = new ArrayList<>();
                List<Long> frame = new ArrayList<>();
                ExecutorService pool = Executors.newFixedThreadPool(threads);
                int rounds = 4;
                long wall0 = System.nanoTime();
                List<Future<FaceAnalysis>> futures = new ArrayList<>();
                for (int r = 0; r < rounds; r++) {
                    for (byte[] f : frames) {
                        futures.add(pool.submit(() -> engine.analyze(f)));
                    }
                }
                int faces = 0;
                for (Future<FaceAnalysis> fu : futures) {
                    FaceAnalysis a = fu.get();
                    StageTimings t = a.timings();
                    int n = Math.max(1, a.faces().size());
                    faces += a.faces().size();
                    perFace.add(new long[] {t.decode(), t.landmarks() / n, t.align() / n, t.embed() / n, t.liveness() / n, t.quality() / n});
                    detect.add(t.detect());
                    frame.add(t.total());
                }
                double wallSec = (System.nanoTime() - wall0) / 1e9;
                pool.shutdown();
                String[] names = {"decode", "landmarks", "align", "embed", "liveness", "quality"};
                row("detect", threads, detect);
                for (int s = 0; s < names.length; s++) {
                    final int k = s;
                    row(names[s] + (s == 0 ? "" : "/face"), threads, perFace.stream().map(v -> v[k]).toList());
                }
                row("frame (all faces)", threads, frame);
                double fps = futures.size() / wallSec;
                System.out.printf("%-18s %-8d %.1f frames/s, %.1f faces/s (640x480, %.1f faces/frame)%n", "throughput", threads,
                        fps, faces / wallSec, (double) faces / futures.size());
                if (threads == 1) {
                    embedMs = ms(median(perFace.stream().map(v -> v[3]).toList()));
                    detectMs = ms(median(detect));
                    frameMs = ms(median(frame));
                    framesPerSecond1 = fps;
                }
            }
        }
        System.out.printf("%n640x480 frame with one new face: detect %.1f ms + one face ~%.1f ms; a tracked face costs detection only.%n",
                detectMs, embedMs);
        System.out.printf("per core: %.1f frames/s when every face is embedded, %.1f frames/s when faces are tracked "
                + "(decode + detect only, measured)%n", framesPerSecond1, trackedFramesPerSecond(base, frames));

        BatchBench.run(base, photos, quick ? 3 : 8);

        System.out.println();
        System.out.println("gallery search (1 thread)  templates  median ms  p95 ms   heap MB  recall@1");
        double s100k = Double.NaN;
        double s1m = Double.NaN;
        int[] sizes = quick ? new int[] {10_000, 100_000} : new int[] {10_000, 100_000, 1_000_000};
        for (int n : sizes) {
            double[] r = benchGallery(n);
            System.out.printf("%-26s %-10d %-10.2f %-8.2f %-8d %.3f%n", "", n, r[0], r[1], (long) r[2], r[3]);
            if (n == 100_000) {
                s100k = r[0];
            }
            if (n == 1_000_000) {
                s1m = r[0];
            }
        }
        System.out.printf("embed_ms=%.1f detect_ms=%.1f frame_ms=%.1f search_100k_ms=%.2f search_1m_ms=%.2f%n",
                embedMs, detectMs, frameMs, s100k, s1m);
    }

    /** Frames per second of one thread that only decodes and detects (every face already tracked). */
    private static double trackedFramesPerSecond(EngineConfig config, List<byte[]> frames) {
        try (FaceEngine engine = new FaceEngine(config.withWorkers(1))) {
            decodeAndDetect(engine, frames); // warm-up on the same work
            int rounds = 8;
            long t0 = System.nanoTime();
            for (int r = 0; r < rounds; r++) {
                decodeAndDetect(engine, frames);
            }
            return rounds * frames.size() / ((System.nanoTime() - t0) / 1e9);
        }
    }

    private static void decodeAndDetect(FaceEngine engine, List<byte[]> frames) {
        for (byte[] f : frames) {
            try (var image = engine.decode(f)) {
                engine.detect(image);
            }
        }
    }

    /** median ms, p95 ms, MB, recall of the planted match at rank 1. */
    static double[] benchGallery(int n) {
        Random rnd = new Random(42);
        Gallery g = new Gallery(Embedder.DIMENSIONS, Gallery.DEFAULT_THRESHOLD);
        float[] v = new float[Embedder.DIMENSIONS];
        List<float[]> planted = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            for (int d = 0; d < v.length; d++) {
                v[d] = (float) rnd.nextGaussian();
            }
            Embedder.normalize(v);
            g.add("p" + (i / 5), "t" + i, v);
            if (i % (n / 50) == 0) {
                planted.add(v.clone());
            }
        }
        List<Long> times = new ArrayList<>();
        int hits = 0;
        for (int round = 0; round < 3; round++) {
            for (int q = 0; q < planted.size(); q++) {
                // a noisy view of a stored template: cosine ~0.6 to it, like a real second photo
                float[] probe = planted.get(q).clone();
                for (int d = 0; d < probe.length; d++) {
                    probe[d] = probe[d] + (float) rnd.nextGaussian() * 0.06f;
                }
                Embedder.normalize(probe);
                long t0 = System.nanoTime();
                Match m = g.match(probe, 5);
                times.add(System.nanoTime() - t0);
                if (round == 2 && m.candidates().size() > 0 && m.similarity() > 0.4f) {
                    hits++;
                }
            }
        }
        return new double[] {ms(median(times.subList(planted.size(), times.size()))),
            ms(p95(times.subList(planted.size(), times.size()))), g.bytes() / (1024.0 * 1024), (double) hits / planted.size()};
    }

    private static void row(String name, int threads, List<Long> nanos) {
        System.out.printf("%-18s %-8d %-9.2f %.2f%n", name, threads, ms(median(nanos)), ms(p95(nanos)));
    }

    static double ms(double nanos) {
        return nanos / 1e6;
    }

    static double median(List<Long> v) {
        List<Long> s = new ArrayList<>(v);
        s.sort(null);
        return s.get(s.size() / 2);
    }

    static double p95(List<Long> v) {
        List<Long> s = new ArrayList<>(v);
        s.sort(null);
        return s.get(Math.min(s.size() - 1, (int) Math.ceil(s.size() * 0.95) - 1));
    }
}
