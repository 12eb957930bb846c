package org.rollcall.bench.chaos;

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
    static final int WIDTH = 640;
    static final int HEIGHT = 480;
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
        List<byte[]> portraits = portraits(enrolled, strangers);
        List<List<byte[]>> frames = new ArrayList<>();
        for (byte[] p : portraits) {
            frames.add(drifting(p));
        }
        List<byte[]> empty = new ArrayList<>();
        for (int k = 0; k < POSITIONS; k++) {
            try (Mat scene = new Mat(HEIGHT, WIDTH, CV_8UC3, new Scalar(110, 120, 128, 0))) {
                rectangle(scene, new Rect(40 * k, HEIGHT - 40, 40, 20), new Scalar(255, 255, 255, 0), -1, 8, 0);
                rectangle(scene, new Rect(80, 60, 200, 260), new Scalar(70, 90, 100, 0), -1, 8, 0);
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
    private static List<byte[]> portraits(int enrolled, int strangers) throws Exception {
        List<byte[]> strict = new ArrayList<>();
        List<byte[]> loose = new ArrayList<>();
        List<float[]> kept = new ArrayList<>();
        try (FaceEngine engine = new FaceEngine(EngineConfig.defaults().withWorkers(1))) {
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
        }
        if (strict.size() < enrolled || loose.size() < strangers) {
            throw new IllegalStateException("the fixture photos have " + strict.size() + " distinct enrollable faces and "
                    + loose.size() + " more; the scenario needs " + enrolled + " and " + strangers);
        }
        List<byte[]> out = new ArrayList<>(strict);
        out.addAll(loose.subList(0, strangers));
        return out;
    }

    /** The portrait enlarged to 760x600 and a 640x480 window moving over it in a loop. */
    private static List<byte[]> drifting(byte[] portrait) throws Exception {
        List<byte[]> out = new ArrayList<>();
        try (FaceEngine engine = new FaceEngine(EngineConfig.defaults().withWorkers(1));
             DecodedImage img = engine.decode(portrait); Mat big = new Mat()) {
            resize(img.bgr(), big, new Size(WIDTH + 120, HEIGHT + 120), 0, 0, INTER_CUBIC);
            for (int k = 0; k < POSITIONS; k++) {
                double a = 2 * Math.PI * k / POSITIONS;
                int dx = (int) (60 + 55 * Math.sin(a));
                int dy = (int) (60 + 35 * Math.cos(a));
                try (Mat window = new Mat(big, new Rect(dx, dy, WIDTH, HEIGHT)).clone()) {
                    out.add(Jpeg.encode(window, 85));
                }
            }
        }
        return out;
    }

}
