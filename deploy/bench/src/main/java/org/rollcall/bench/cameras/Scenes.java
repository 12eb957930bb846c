package org.rollcall.bench.cameras;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_CUBIC;
import static org.bytedeco.opencv.global.opencv_imgproc.rectangle;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;
import org.rollcall.face.EngineConfig;
import org.rollcall.face.Face;
import org.rollcall.face.FaceEngine;
import org.rollcall.face.detect.Detection;
import org.rollcall.face.embed.Embedder;
import org.rollcall.face.fixtures.FixtureSet;
import org.rollcall.face.image.DecodedImage;
import org.rollcall.face.image.Jpeg;

/**
 * The pictures the scenario's cameras show, rendered once before the run: per person a portrait
 * for enrollment and a loop of 640x480 frames in which the face drifts across the picture (a
 * window panned over the enlarged portrait, so no black bars, which read as a screen), and an
 * empty scene with a moving marker.
 */
final class Scenes {
    /** Every frame of every camera has this size (portrait orientation, like a door camera's crop). */
    static final int WIDTH = 640;
    static final int HEIGHT = 720;
    static final int POSITIONS = 16;

    final List<byte[]> portraits;
    final List<List<byte[]>> frames;
    final List<byte[]> empty;

    private Scenes(List<byte[]> portraits, List<List<byte[]>> frames, List<byte[]> empty) {
        this.portraits = portraits;
        this.frames = frames;
        this.empty = empty;
    }

    /** Portraits 0 to enrolled-1 are the enrolled people, the rest strangers. */
    static Scenes render(int enrolled, int strangers) throws Exception {
        List<byte[]> portraits;
        List<List<byte[]>> frames = new ArrayList<>();
        // one engine (its models load once) for choosing the portraits and rendering their frames
        try (FaceEngine engine = new FaceEngine(EngineConfig.defaults().withWorkers(1))) {
            portraits = portraits(engine, enrolled, strangers);
            for (byte[] p : portraits) {
                frames.add(drifting(engine, p));
            }
        }
        List<byte[]> empty = new ArrayList<>();
        for (int k = 0; k < POSITIONS; k++) {
            try (Mat scene = new Mat(HEIGHT, WIDTH, CV_8UC3, new Scalar(110, 120, 128, 0))) {
                rectangle(scene, new Rect(40 * k, HEIGHT - 40, 40, 20), new Scalar(255, 255, 255, 0), -1, 8, 0);
                empty.add(Jpeg.encode(scene, 85));
            }
        }
        return new Scenes(portraits, frames, empty);
    }

    /**
     * Faces cut from the fixture group photos, one per person: a face whose embedding is close to
     * one already kept (the same person in another photo) is left out. The first {@code enrolled}
     * clearly pass enrollment (frontal, sharp, live-looking); strangers only need to be clearly
     * detectable and look live (a stranger the liveness check rejects would prove nothing about
     * false matches).
     */
    static List<byte[]> portraits(FaceEngine engine, int enrolled, int strangers) throws Exception {
        List<byte[]> strict = new ArrayList<>();
        List<byte[]> loose = new ArrayList<>();
        List<float[]> kept = new ArrayList<>();
        for (Path sample : FixtureSet.samples()) {
            try (DecodedImage img = engine.decode(Files.readAllBytes(sample))) {
                List<Detection> faces = engine.detect(img);
                for (int i = 0; i < faces.size(); i++) {
                    try (Mat crop = FixtureSet.faceCrop(img, faces, i); Mat big = new Mat()) {
                        double f = 360.0 / Math.max(crop.cols(), crop.rows());
                        resize(crop, big, new Size((int) (crop.cols() * f), (int) (crop.rows() * f)), 0, 0, INTER_CUBIC);
                        byte[] jpeg = Jpeg.encode(big, 95);
                        Face face = engine.analyze(jpeg).primary().orElse(null);
                        if (face == null || face.detection().score() < 0.9 || face.liveness() == null || face.liveness() < 0.6
                                || kept.stream().anyMatch(e -> Embedder.cosine(e, face.embedding()) > 0.3f)) {
                            continue;
                        }
                        kept.add(face.embedding());
                        boolean enrollable = face.detection().score() > 0.95 && face.quality().pose() > 0.5
                                && face.quality().sharpness() > 0.5 && face.liveness() > 0.8;
                        (enrollable && strict.size() < enrolled ? strict : loose).add(jpeg);
                    }
                }
            }
        }
        if (strict.size() < enrolled || loose.size() < strangers) {
            throw new IllegalStateException("the fixture photos have " + strict.size() + " distinct enrollable faces and "
                    + loose.size() + " more; the scenario needs " + enrolled + " and " + strangers);
        }
        List<byte[]> out = new ArrayList<>(strict);
        out.addAll(loose.subList(0, strangers));
        return out;
    }

    /**
     * The portrait scaled (aspect kept) to cover the frame with 60 px to spare each way, and a
     * frame-sized window drifting over it in a loop: the face moves by up to 30 px each way and
     * no black bars appear (the liveness model reads letterboxing as a screen).
     */
    private static List<byte[]> drifting(FaceEngine engine, byte[] portrait) throws Exception {
        List<byte[]> out = new ArrayList<>();
        try (DecodedImage img = engine.decode(portrait); Mat big = new Mat()) {
            double f = Math.max((WIDTH + 60.0) / img.bgr().cols(), (HEIGHT + 60.0) / img.bgr().rows());
            resize(img.bgr(), big, new Size((int) Math.ceil(img.bgr().cols() * f), (int) Math.ceil(img.bgr().rows() * f)), 0, 0, INTER_CUBIC);
            int x0 = (big.cols() - WIDTH) / 2 - 30;
            int y0 = (big.rows() - HEIGHT) / 2 - 30;
            for (int k = 0; k < POSITIONS; k++) {
                double a = 2 * Math.PI * k / POSITIONS;
                int dx = x0 + (int) Math.round(30 + 30 * Math.sin(a));
                int dy = y0 + (int) Math.round(30 + 30 * Math.cos(a));
                try (Mat window = new Mat(big, new Rect(dx, dy, WIDTH, HEIGHT)).clone()) {
                    out.add(Jpeg.encode(window, 90));
                }
            }
        }
        return out;
    }

    /** Prints what the engine sees in every rendered frame (liveness, similarity to the portrait): a check of the scenes. */
    public static void main(String[] args) throws Exception {
        Scenes s = render(6, 2);
        try (FaceEngine engine = new FaceEngine(EngineConfig.defaults().withWorkers(1))) {
            for (int p = 0; p < s.frames.size(); p++) {
                float[] ref = engine.analyze(s.portraits.get(p)).primary().orElseThrow().embedding();
                StringBuilder line = new StringBuilder("person " + p + ":");
                for (byte[] frame : s.frames.get(p)) {
                    var faces = engine.analyze(frame).faces();
                    line.append(faces.size() != 1 ? " faces=" + faces.size()
                            : String.format(" %.2f/%.2f", faces.get(0).liveness(), Embedder.cosine(ref, faces.get(0).embedding())));
                }
                System.out.println(line);
            }
            for (byte[] empty : s.empty) {
                if (!engine.analyze(empty).faces().isEmpty()) {
                    System.out.println("a face in the empty scene");
                }
            }
        }
    }
}
