package org.rollcall.face.quality;

import static org.bytedeco.opencv.global.opencv_core.BORDER_CONSTANT;
import static org.bytedeco.opencv.global.opencv_core.copyMakeBorder;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.rollcall.face.EngineConfig;
import org.rollcall.face.Face;
import org.rollcall.face.FaceEngine;
import org.rollcall.face.detect.Box;
import org.rollcall.face.fixtures.FixtureSet;
import org.rollcall.face.image.DecodedImage;
import org.rollcall.face.image.Jpeg;

/**
 * The liveness model reads the picture around a face; padding bars must not be part of it.
 * Real fixture faces as portraits, then padded with flat bars as a letterboxed frame or a photo tool does
 * (before the picture was found inside its bars, tight faces padded with black scored as low as 0.005).
 */
class LivenessCropTest {
    static FaceEngine engine;

    @BeforeAll
    static void load() {
        engine = new FaceEngine(EngineConfig.defaults().withWorkers(2));
    }

    @AfterAll
    static void close() {
        engine.close();
    }

    /** Portraits (the face box x1.6, less context than the model's x2.7) of the fixture faces, as JPEG. */
    private static List<byte[]> tightFaces() throws Exception {
        List<byte[]> out = new ArrayList<>();
        for (Path p : FixtureSet.samples()) {
            try (DecodedImage image = engine.decode(Files.readAllBytes(p))) {
                for (Face f : engine.analyze(image, FaceEngine.Options.DETECT_ONLY).faces()) {
                    Box b = f.detection().box().scaled(1.6f).clip(image.width(), image.height());
                    try (Mat crop = new Mat(image.bgr(), new Rect((int) b.x1(), (int) b.y1(), (int) b.width(), (int) b.height()))) {
                        out.add(Jpeg.encode(crop, 92));
                    }
                }
            }
        }
        return out;
    }

    private static byte[] padded(byte[] jpeg, int top, int bottom, int left, int right, Scalar colour) {
        try (DecodedImage image = engine.decode(jpeg); Mat out = new Mat()) {
            copyMakeBorder(image.bgr(), out, top, bottom, left, right, BORDER_CONSTANT, colour);
            return Jpeg.encode(out, 92);
        }
    }

    private static float liveness(byte[] jpeg) {
        return engine.analyze(jpeg).primary().orElseThrow(() -> new AssertionError("no face")).liveness();
    }

    @Test
    void aPortraitPaddedWithBarsScoresAsThePortraitItself() throws Exception {
        int compared = 0;
        for (byte[] face : tightFaces()) {
            var portrait = engine.analyze(face).primary();
            if (portrait.isEmpty()) {
                continue; // a face cut by the group photo's edge is not found again in its crop
            }
            float alone = portrait.get().liveness();
            if (alone < 0.9f) {
                continue; // a portrait the model already doubts without padding is not what this test is about
            }
            int side;
            try (DecodedImage image = engine.decode(face)) {
                side = Math.max(image.width(), image.height());
            }
            // bars that leave the face large enough for the detector (it sees the frame at 320x240)
            byte[] framed = padded(face, side / 2, side / 2, side / 2, side / 2, new Scalar(0, 0, 0, 0));
            byte[] letterboxed = padded(face, side / 3, side / 3, 0, 0, new Scalar(0, 0, 0, 0));
            byte[] grey = padded(face, 0, 0, side / 2, side / 2, new Scalar(128, 128, 128, 0));
            for (byte[] p : List.of(framed, letterboxed, grey)) {
                float s = liveness(p);
                // live at the product's liveness threshold (0.5), and close to the score without padding
                assertTrue(s >= 0.5f, "a live face in padding scored " + s + " (" + alone + " without)");
                assertEquals(alone, s, 0.15f, "padding changed the live score");
            }
            compared++;
        }
        assertTrue(compared >= 8, "only " + compared + " fixture faces were clearly live as portraits");
    }

    @Test
    void contentBoundsFindThePictureInsideItsBars() throws Exception {
        byte[] face = tightFaces().get(0);
        int w;
        int h;
        try (DecodedImage image = engine.decode(face)) {
            w = image.width();
            h = image.height();
            assertEquals(new Box(0, 0, w, h), ContentBounds.of(image.bgr()), "a photo without bars is all picture");
        }
        try (DecodedImage image = engine.decode(padded(face, 40, 60, 30, 20, new Scalar(0, 0, 0, 0)))) {
            Box b = ContentBounds.of(image.bgr());
            // JPEG blurs the edge of the bars by a few pixels
            assertEquals(30, b.x1(), 3);
            assertEquals(40, b.y1(), 3);
            assertEquals(30 + w, b.x2(), 3);
            assertEquals(40 + h, b.y2(), 3);
        }
    }

    @Test
    void theContextBoxStaysInsideThePictureAndSquare() {
        Box picture = new Box(100, 50, 300, 350);
        Box face = new Box(110, 60, 190, 140);
        Box c = LivenessModel.context(face, picture);
        assertTrue(c.x1() >= 100 && c.y1() >= 50 && c.x2() <= 299 && c.y2() <= 349, c.toString());
        assertEquals(c.width(), c.height(), 1e-3);
        assertTrue(c.width() > face.width() * 2, "context around the face: " + c);
    }
}
