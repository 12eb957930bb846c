package org.rollcall.tools.face;

import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.lang.management.ManagementFactory;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;
import org.rollcall.face.EngineConfig;
import org.rollcall.face.FaceAnalysis;
import org.rollcall.face.FaceEngine;
import org.rollcall.face.StageTimings;
import org.rollcall.face.Face;
import org.rollcall.face.detect.Box;
import org.rollcall.face.detect.Detection;
import org.rollcall.face.embed.Embedder;
import org.rollcall.face.fixtures.ClusteredEmbeddings;
import org.rollcall.face.fixtures.FixtureSet;
import org.rollcall.face.gallery.Gallery;
import org.rollcall.face.gallery.Match;
import org.rollcall.face.image.Jpeg;
import org.rollcall.face.model.ExecutionDevice;
import org.rollcall.face.track.FaceTracker;
import org.rollcall.face.track.TrackedFace;
import org.rollcall.face.track.TrackerConfig;

/**
 * bench: per-stage median/p95 on the fixture photos with 1 and 2 worker threads, camera-frame
 * cost at 640x480, the embedding model at batch 1/8/32, and gallery search at 10k/100k/1M
 * templates. Ends with one summary line.
 * --quick stops the gallery at 100k (for small heaps); --gallery-only runs only the gallery part.
 */
final class BenchCommand {
    private BenchCommand() {
    }

    static void run(EngineConfig config, String[] args) throws Exception {
        boolean quick = Arrays.asList(args).contains("--quick");
        if (Arrays.asList(args).contains("--gallery-only")) {
            gallery(quick, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
            return;
        }
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
        double facesPerFrame = 0;
        for (int threads : new int[] {1, 2}) {
            try (FaceEngine engine = new FaceEngine(base.withWorkers(threads))) {
                for (int w = 0; w < 2; w++) {
                    frames.forEach(engine::analyze); // warm-up on the work measured below
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
                    facesPerFrame = (double) faces / futures.size();
                }
            }
        }
        System.out.printf("%n640x480 frame with one new face: detect %.1f ms + one face ~%.1f ms; a tracked face costs detection and landmarks.%n",
                detectMs, embedMs);
        System.out.printf("1 thread: %.1f frames/s when every face is embedded, %.1f frames/s with tracking "
                + "(each frame held for %d frames at 5 fps, as a camera sees a person stand; measured)%n",
                framesPerSecond1, trackedFramesPerSecond(base, frames), HELD_FRAMES);

        BatchBench.run(base, photos, quick ? 3 : 8);

        gallery(quick, embedMs, detectMs, frameMs, facesPerFrame);
    }

    private static void gallery(boolean quick, double embedMs, double detectMs, double frameMs, double facesPerFrame) {
        System.out.println();
        System.out.println("gallery search (1 thread)  templates  median ms  p95 ms   heap MB  recall@1 (planted person first)");
        double s100k = Double.NaN;
        double s1m = Double.NaN;
        double heap1m = Double.NaN;
        int[] sizes = quick ? new int[] {10_000, 100_000} : new int[] {10_000, 100_000, 1_000_000};
        for (int n : sizes) {
            double[] r = benchGallery(n);
            System.out.printf("%-26s %-10d %-10.2f %-8.2f %-8d %.3f%n", "", n, r[0], r[1], (long) r[2], r[3]);
            if (n == 100_000) {
                s100k = r[0];
            }
            if (n == 1_000_000) {
                s1m = r[0];
                heap1m = r[2];
            }
        }
        System.out.printf("embed_ms=%.1f detect_ms=%.1f frame_ms=%.1f faces_per_frame=%.1f search_100k_ms=%.2f search_1m_ms=%.2f heap_1m_mb=%.0f%n",
                embedMs, detectMs, frameMs, facesPerFrame, s100k, s1m, heap1m);
    }

    /**
     * Frames per second of one thread running the recognition service's per-frame path: decode,
     * detect, landmarks for every face, the tracker, and embedding plus liveness only for the
     * faces whose track asks for it.
     */
    private static double trackedFramesPerSecond(EngineConfig config, List<byte[]> frames) {
        try (FaceEngine engine = new FaceEngine(config.withWorkers(1))) {
            trackedStream(engine, frames); // warm-up on the same work
            long t0 = System.nanoTime();
            int n = trackedStream(engine, frames) + trackedStream(engine, frames);
            return n / ((System.nanoTime() - t0) / 1e9);
        }
    }

    static final int HELD_FRAMES = 10;
    private static final FaceEngine.Options LANDMARKS_ONLY = new FaceEngine.Options(false, false);

    private static int trackedStream(FaceEngine engine, List<byte[]> frames) {
        FaceTracker tracker = new FaceTracker("bench", TrackerConfig.DEFAULT);
        long time = 0;
        int n = 0;
        for (byte[] f : frames) {
            time += 10_000; // a new scene: the previous one's tracks expire
            for (int k = 0; k < HELD_FRAMES; k++, n++, time += 200) {
                try (var image = engine.decode(f)) {
                    List<Detection> detections = engine.detect(image);
                    List<Face> faces = new ArrayList<>();
                    List<Box> boxes = new ArrayList<>();
                    float[] qualities = new float[detections.size()];
                    for (int i = 0; i < detections.size(); i++) {
                        Face face = engine.describe(image, detections.get(i), i, LANDMARKS_ONLY).face();
                        faces.add(face);
                        boxes.add(face.detection().box());
                        qualities[i] = face.quality().overall();
                    }
                    for (TrackedFace tf : tracker.assign(time, boxes, qualities)) {
                        if (tf.embedNow()) {
                            Face face = faces.get(tf.detectionIndex());
                            tracker.addEmbedding(tf.trackId(), engine.embed(image, face), face.quality().overall(), time);
                            engine.liveness(image, face.detection());
                        }
                    }
                }
            }
        }
        return n;
    }

    /**
     * Median ms, p95 ms, the gallery's heap in MB (measured after GC, with the gallery the only
     * thing built in between), and recall@1: how often the planted person is the first candidate.
     * Embeddings are {@link ClusteredEmbeddings} (five photos a person, strangers mildly alike, as
     * a face model's are): random vectors would make any prefilter look perfect.
     */
    static double[] benchGallery(int n) {
        ClusteredEmbeddings faces = new ClusteredEmbeddings(Embedder.DIMENSIONS, 42);
        List<float[]> centres = new ArrayList<>();
        int people = n / 5;
        long heap0 = usedHeapAfterGc();
        Gallery g = new Gallery(Embedder.DIMENSIONS, Gallery.DEFAULT_THRESHOLD);
        float[] centre = null;
        for (int i = 0; i < n; i++) {
            if (i % 5 == 0) {
                centre = faces.person();
                if ((i / 5) % Math.max(1, people / 100) == 0) {
                    centres.add(centre);
                }
            }
            // ids shaped like the service's (UUIDs), so their heap counts like theirs
            g.add(new UUID(0, i / 5).toString(), new UUID(1, i).toString(), faces.photo(centre));
        }
        double heapMb = (usedHeapAfterGc() - heap0) / (1024.0 * 1024);
        List<Long> times = new ArrayList<>();
        int hits = 0;
        int probes = 0;
        for (int round = 0; round < WARMUP_ROUNDS + 2; round++) { // the first rounds warm up on the same searches
            for (int q = 0; q < centres.size(); q++) {
                float[] probe = faces.photo(centres.get(q)); // a new photo of a planted person
                String planted = new UUID(0, (long) q * Math.max(1, people / 100)).toString();
                long t0 = System.nanoTime();
                Match m = g.match(probe, 5);
                long t = System.nanoTime() - t0;
                if (round >= WARMUP_ROUNDS) {
                    times.add(t);
                    probes++;
                    if (!m.candidates().isEmpty() && m.candidates().get(0).personId().equals(planted)) {
                        hits++;
                    }
                }
            }
        }
        if (g.size() != n) {
            throw new IllegalStateException("gallery holds " + g.size() + " of " + n);
        }
        return new double[] {ms(median(times)), ms(p95(times)), heapMb, (double) hits / probes};
    }

    /** Rounds of the 100 searches before the measured ones: the JIT compiles the scan fully by then. */
    private static final int WARMUP_ROUNDS = 5;

    private static long usedHeapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
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
