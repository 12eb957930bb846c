package org.rollcall.bench.cameras;

import static org.bytedeco.opencv.global.opencv_core.BORDER_REFLECT;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_CUBIC;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_LINEAR;
import static org.bytedeco.opencv.global.opencv_imgproc.getRotationMatrix2D;
import static org.bytedeco.opencv.global.opencv_imgproc.rectangle;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;
import static org.bytedeco.opencv.global.opencv_imgproc.warpAffine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Point2f;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;
import org.rollcall.face.FaceEngine;
import org.rollcall.face.image.DecodedImage;
import org.rollcall.face.image.Jpeg;

/**
 * The system bench's camera pictures: 640x480 frames cut into lanes, each lane a window onto one
 * person's enlarged portrait that pans so the face moves across the lane, while the portrait
 * rolls a few degrees and narrows a little (a head turning), in a loop of {@link #POSITIONS}
 * frames. An empty lane is a plain wall with a moving mark. Frames are JPEG-encoded before the
 * run for every combination the schedule shows, so serving them costs the bench no CPU.
 */
final class LaneScenes {
    static final int WIDTH = 640;
    static final int HEIGHT = 480;
    static final int POSITIONS = 16;

    private final int lanes;
    /** Per portrait, per position, the lane picture; index portraits.size() is the empty lane. */
    private final List<List<Mat>> strips = new ArrayList<>();
    private final Map<String, byte[]> frames = new ConcurrentHashMap<>();

    LaneScenes(FaceEngine engine, List<byte[]> portraits, int lanes) {
        this.lanes = lanes;
        int w = WIDTH / lanes;
        for (byte[] p : portraits) {
            strips.add(moving(engine, p, w));
        }
        List<Mat> empty = new ArrayList<>();
        for (int k = 0; k < POSITIONS; k++) {
            Mat wall = new Mat(HEIGHT, w, CV_8UC3, new Scalar(110, 120, 128, 0));
            rectangle(wall, new Rect((w - 20) * k / POSITIONS, HEIGHT - 40, 20, 20), new Scalar(255, 255, 255, 0), -1, 8, 0);
            empty.add(wall);
        }
        strips.add(empty);
    }

    /** Encodes every frame the schedule shows on {@code cameras} cameras in the first {@code seconds}; returns how many. */
    int prepare(Lanes schedule, int cameras, double seconds) {
        for (int c = 0; c < cameras; c++) {
            for (double t = 0; t <= seconds; t += 0.1) {
                int[] who = schedule.showing(c, t);
                for (int k = 0; k < POSITIONS; k++) {
                    frame(who, k);
                }
            }
        }
        for (int k = 0; k < POSITIONS; k++) {
            int[] nobody = new int[lanes];
            Arrays.fill(nobody, -1);
            frame(nobody, k);
        }
        return frames.size();
    }

    /** The JPEG showing these persons (-1: nobody) in the lanes, at loop position {@code k}. */
    byte[] frame(int[] who, int k) {
        return frames.computeIfAbsent(Arrays.toString(who) + "@" + k, key -> {
            int w = WIDTH / lanes;
            try (Mat frame = new Mat(HEIGHT, WIDTH, CV_8UC3, new Scalar(0, 0, 0, 0))) {
                for (int l = 0; l < lanes; l++) {
                    Mat strip = strips.get(who[l] < 0 ? strips.size() - 1 : who[l]).get(k);
                    try (Mat roi = new Mat(frame, new Rect(l * w, 0, w, HEIGHT))) {
                        strip.copyTo(roi);
                    }
                }
                return Jpeg.encode(frame, 90);
            }
        });
    }

    /**
     * The portrait enlarged to cover the lane with room to move, and per position: rolled by up to
     * 6 degrees, narrowed by up to 8 % (a head turning), and cut by a lane-sized window that pans
     * 50 px each way horizontally and 15 px vertically (the person walking across).
     */
    private static List<Mat> moving(FaceEngine engine, byte[] portrait, int w) {
        List<Mat> out = new ArrayList<>();
        try (DecodedImage img = engine.decode(portrait); Mat big = new Mat()) {
            double f = Math.max((w + 140.0) / img.bgr().cols(), (HEIGHT + 60.0) / img.bgr().rows());
            resize(img.bgr(), big, new Size((int) Math.ceil(img.bgr().cols() * f), (int) Math.ceil(img.bgr().rows() * f)), 0, 0, INTER_CUBIC);
            for (int k = 0; k < POSITIONS; k++) {
                double a = 2 * Math.PI * k / POSITIONS;
                double roll = 6 * Math.sin(a);
                double narrow = 1 - 0.08 * (0.5 + 0.5 * Math.cos(a));
                try (Mat turned = new Mat(); Mat rot = getRotationMatrix2D(new Point2f(big.cols() / 2f, big.rows() / 2f), roll, 1.0)) {
                    // narrowing about the centre: scale the first row of the affine matrix
                    var m = rot.createIndexer();
                    org.bytedeco.javacpp.indexer.DoubleIndexer d = (org.bytedeco.javacpp.indexer.DoubleIndexer) m;
                    for (int col = 0; col < 3; col++) {
                        d.put(0, col, d.get(0, col) * narrow);
                    }
                    d.put(0, 2, d.get(0, 2) + big.cols() / 2.0 * (1 - narrow));
                    warpAffine(big, turned, rot, big.size(), INTER_LINEAR, BORDER_REFLECT, new Scalar());
                    int x = (big.cols() - w) / 2 + (int) Math.round(50 * Math.sin(a));
                    int y = (big.rows() - HEIGHT) / 2 + (int) Math.round(15 * Math.cos(2 * a));
                    out.add(new Mat(turned, new Rect(x, y, w, HEIGHT)).clone());
                }
            }
        }
        return out;
    }

    /** Prints what the engine sees in each person's frames (faces found, liveness, similarity to the portrait): a check of the scenes. */
    public static void main(String[] args) throws Exception {
        try (FaceEngine engine = new FaceEngine(org.rollcall.face.EngineConfig.defaults().withWorkers(1))) {
            List<byte[]> portraits = Scenes.portraits(engine, 6, 2);
            LaneScenes scenes = new LaneScenes(engine, portraits, 2);
            for (int p = 0; p < portraits.size(); p++) {
                float[] ref = engine.analyze(portraits.get(p)).primary().orElseThrow().embedding();
                StringBuilder line = new StringBuilder("person " + p + " (left lane, other lane empty):");
                for (int k = 0; k < POSITIONS; k += 3) {
                    var faces = engine.analyze(scenes.frame(new int[] {p, -1}, k)).faces();
                    line.append(faces.size() != 1 ? " faces=" + faces.size()
                            : String.format(" %.2f/%.2f", faces.get(0).liveness(), org.rollcall.face.embed.Embedder.cosine(ref, faces.get(0).embedding())));
                }
                var pair = engine.analyze(scenes.frame(new int[] {p, (p + 1) % portraits.size()}, 5)).faces();
                line.append("; with a second person: ").append(pair.size()).append(" faces");
                System.out.println(line);
            }
        }
    }
}
