package org.rollcall.face.cli;

import static org.bytedeco.opencv.global.opencv_core.flip;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_LINEAR;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;
import org.rollcall.face.EngineConfig;
import org.rollcall.face.FaceEngine;
import org.rollcall.face.detect.Box;
import org.rollcall.face.detect.Detection;
import org.rollcall.face.detect.Pixels;
import org.rollcall.face.image.DecodedImage;
import org.rollcall.face.image.Jpeg;

/**
 * The fixture photos (group photos, one face per person) as an evaluation set: each face becomes
 * an identity folder holding its crop (1.6x the face box, with any neighbour's face that reaches
 * into it greyed out, so the folder shows one person) and augmented copies (mirror, brighter, darker, half
 * resolution, heavy JPEG recompression). Genuine pairs are augmentations of one face; impostor
 * pairs are different people. This checks robustness, not real-world accuracy (no second
 * photo of anyone exists in the fixtures).
 */
public final class FixtureSet {
    private FixtureSet() {
    }

    public static Path fixtureDirectory() {
        String env = System.getenv("ROLLCALL_FIXTURE_DIR");
        return env != null && !env.isBlank() ? Path.of(env)
                : Path.of(System.getProperty("user.home"), ".cache", "rollcall", "fixtures");
    }

    public static List<Path> samples() {
        Path dir = fixtureDirectory();
        List<Path> files = List.of(dir.resolve("sample1.jpg"), dir.resolve("sample2.jpg"), dir.resolve("sample3.jpg"),
                dir.resolve("sample4.jpg"), dir.resolve("sample5.jpg"), dir.resolve("sample6.jpg"));
        for (Path f : files) {
            if (!Files.isRegularFile(f)) {
                throw new IllegalArgumentException("fixture photo " + f + " is missing; fetch it with services/face-engine/fetch-models.sh");
            }
        }
        return files;
    }

    static void run(EngineConfig config, String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("fixture-set needs an output directory");
        }
        try (FaceEngine engine = new FaceEngine(config)) {
            int n = write(engine, Path.of(args[0]));
            System.out.println("wrote " + n + " identities to " + args[0]);
        }
    }

    /** Writes OUT/&lt;sample&gt;-f&lt;i&gt;/&lt;augmentation&gt;.jpg; returns the number of identities. */
    public static int write(FaceEngine engine, Path out) throws IOException {
        int identities = 0;
        int s = 0;
        for (Path sample : samples()) {
            s++;
            try (DecodedImage image = engine.decode(Files.readAllBytes(sample))) {
                List<Detection> faces = engine.detect(image);
                for (int i = 0; i < faces.size(); i++) {
                    try (Mat crop = faceCrop(image, faces, i)) {
                        Path dir = out.resolve("s" + s + "-f" + i);
                        Files.createDirectories(dir);
                        for (Map.Entry<String, byte[]> e : augmentations(crop).entrySet()) {
                            Files.write(dir.resolve(e.getKey() + ".jpg"), e.getValue());
                        }
                        identities++;
                    }
                }
            }
        }
        return identities;
    }

    /**
     * Face {@code i} of a group photo as a portrait: 1.6x its box, other faces that reach into it
     * greyed out. The caller closes the returned Mat.
     */
    public static Mat faceCrop(DecodedImage image, List<Detection> faces, int i) {
        Box context = faces.get(i).box().scaled(1.6f).clip(image.width(), image.height());
        Mat crop = Pixels.crop(image.bgr(), context).clone();
        for (int j = 0; j < faces.size(); j++) {
            if (j != i) {
                greyOut(crop, faces.get(j).box(), context);
            }
        }
        return crop;
    }

    /** Fills the part of {@code face} (image coordinates) that falls inside the crop with mid-grey. */
    private static void greyOut(Mat crop, Box face, Box cropBox) {
        int x1 = Math.max(0, Math.round(face.x1() - cropBox.x1()));
        int y1 = Math.max(0, Math.round(face.y1() - cropBox.y1()));
        int x2 = Math.min(crop.cols(), Math.round(face.x2() - cropBox.x1()));
        int y2 = Math.min(crop.rows(), Math.round(face.y2() - cropBox.y1()));
        if (x2 > x1 && y2 > y1) {
            try (Mat part = crop.apply(new Rect(x1, y1, x2 - x1, y2 - y1))) {
                part.put(new Scalar(128, 128, 128, 0));
            }
        }
    }

    /** The crop and its augmented copies, JPEG-encoded. */
    public static Map<String, byte[]> augmentations(Mat crop) {
        Map<String, byte[]> out = new LinkedHashMap<>();
        out.put("orig", Jpeg.encode(crop, 95));
        try (Mat m = new Mat()) {
            flip(crop, m, 1);
            out.put("mirror", Jpeg.encode(m, 95));
        }
        try (Mat m = new Mat()) {
            crop.convertTo(m, -1, 1.0, 40);
            out.put("brighter", Jpeg.encode(m, 95));
        }
        try (Mat m = new Mat()) {
            crop.convertTo(m, -1, 0.65, 0);
            out.put("darker", Jpeg.encode(m, 95));
        }
        try (Mat small = new Mat(); Mat back = new Mat()) {
            resize(crop, small, new Size(crop.cols() / 2, crop.rows() / 2), 0, 0, INTER_AREA);
            resize(small, back, new Size(crop.cols(), crop.rows()), 0, 0, INTER_LINEAR);
            out.put("half-resolution", Jpeg.encode(back, 95));
        }
        out.put("jpeg-q25", Jpeg.encode(crop, 25));
        return out;
    }
}
