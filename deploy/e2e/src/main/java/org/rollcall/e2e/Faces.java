package org.rollcall.e2e;

import static org.bytedeco.opencv.global.opencv_imgproc.INTER_CUBIC;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;
import org.rollcall.face.EngineConfig;
import org.rollcall.face.Face;
import org.rollcall.face.FaceEngine;
import org.rollcall.face.detect.Detection;
import org.rollcall.face.fixtures.FixtureSet;
import org.rollcall.face.image.DecodedImage;
import org.rollcall.face.image.Jpeg;

/**
 * Portraits of different people cut from the fixture group photos (faces of one photo are
 * certainly different people), kept only if they clearly meet the enrollment rules: frontal,
 * sharp, large enough, and live-looking.
 */
final class Faces {
    private Faces() {
    }

    static List<Path> portraits(Path dir, int wanted) throws Exception {
        Files.createDirectories(dir);
        List<Path> out = new ArrayList<>();
        try (FaceEngine engine = new FaceEngine(EngineConfig.defaults().withWorkers(1))) {
            // one photo only: its faces are different people
            byte[] photo = Files.readAllBytes(FixtureSet.samples().get(4));
            try (DecodedImage img = engine.decode(photo)) {
                List<Detection> faces = engine.detect(img);
                for (int i = 0; i < faces.size() && out.size() < wanted; i++) {
                    try (Mat crop = FixtureSet.faceCrop(img, faces, i); Mat big = new Mat()) {
                        double f = 360.0 / Math.max(crop.cols(), crop.rows());
                        resize(crop, big, new Size((int) (crop.cols() * f), (int) (crop.rows() * f)), 0, 0, INTER_CUBIC);
                        byte[] jpeg = Jpeg.encode(big, 95);
                        Face face = engine.analyze(jpeg).primary().orElse(null);
                        if (face != null && face.detection().score() > 0.95 && face.quality().pose() > 0.5
                                && face.quality().sharpness() > 0.5 && face.liveness() != null && face.liveness() > 0.8) {
                            Path p = dir.resolve("person-" + i + ".jpg");
                            Files.write(p, jpeg);
                            out.add(p);
                        }
                    }
                }
            }
        }
        if (out.size() < wanted) {
            throw new IllegalStateException("only " + out.size() + " fixture faces meet the enrollment rules");
        }
        return out;
    }

    /** The portrait mirrored: a second, different photo of the same person (as if the head turned the other way). */
    static Path mirrored(Path portrait) throws Exception {
        Path out = portrait.resolveSibling(portrait.getFileName().toString().replace(".jpg", "-mirrored.jpg"));
        try (FaceEngine engine = new FaceEngine(EngineConfig.defaults().withWorkers(1));
             DecodedImage img = engine.decode(Files.readAllBytes(portrait)); Mat flipped = new Mat()) {
            org.bytedeco.opencv.global.opencv_core.flip(img.bgr(), flipped, 1);
            Files.write(out, Jpeg.encode(flipped, 95));
        }
        return out;
    }
}
