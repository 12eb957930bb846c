package org.rollcall.face;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.rollcall.face.detect.Box;
import org.rollcall.face.detect.Pixels;
import org.rollcall.face.embed.EmbedBatching;
import org.rollcall.face.embed.Embedder;
import org.rollcall.face.fixtures.FixtureSet;
import org.rollcall.face.gallery.Gallery;
import org.rollcall.face.gallery.Match;
import org.rollcall.face.image.DecodedImage;
import org.rollcall.face.image.InvalidImageException;
import org.rollcall.face.model.ModelFiles;
import org.rollcall.face.model.ModelUnavailableException;
import org.rollcall.face.track.FaceTracker;
import org.rollcall.face.track.TrackedFace;
import org.rollcall.face.track.TrackerConfig;

/** The real models on the real fixture photos (fetched and checksum-verified by the build). */
class FaceEngineTest {
    static FaceEngine engine;
    static List<byte[]> photos = new ArrayList<>();

    @BeforeAll
    static void load() throws Exception {
        engine = new FaceEngine(EngineConfig.defaults().withWorkers(2));
        for (Path p : FixtureSet.samples()) {
            photos.add(Files.readAllBytes(p));
        }
    }

    @AfterAll
    static void close() {
        engine.close();
    }

    @Test
    void djlIsOfflineBeforeItLoads() {
        assertEquals("true", System.getProperty("ai.djl.offline"));
        assertEquals("true", System.getProperty("OPT_OUT_TRACKING"));
    }

    @Test
    void warmingUpRunsOnASyntheticImageAndChangesNoResult() {
        try (FaceEngine fresh = new FaceEngine(EngineConfig.defaults().withWorkers(1))) {
            assertTrue(fresh.warmUp().toNanos() > 0);
            float[] afterWarmUp = fresh.analyze(photos.get(0)).faces().get(0).embedding();
            float[] reference = engine.analyze(photos.get(0)).faces().get(0).embedding();
            assertArrayEquals(reference, afterWarmUp, 1e-5f);
        }
    }

    @Test
    void anEngineAskedForAGpuItCannotUseRunsOnTheCpuWithTheSameResults() {
        assertEquals("cpu", engine.device().used().toString());
        try (FaceEngine gpu = new FaceEngine(EngineConfig.defaults().withWorkers(1)
                .withDevice(org.rollcall.face.model.ExecutionDevice.parse("cuda")))) {
            assertTrue(gpu.device().fellBack(), "this machine has no CUDA");
            assertEquals("cpu", gpu.device().used().toString());
            FaceAnalysis onGpuSetting = gpu.analyze(photos.get(0));
            FaceAnalysis onCpu = engine.analyze(photos.get(0));
            assertEquals(onCpu.faces().size(), onGpuSetting.faces().size());
            assertEquals(1f, Embedder.cosine(onCpu.faces().get(0).embedding(), onGpuSetting.faces().get(0).embedding()), 1e-4f);
        }
    }

    @Test
    void batchedEmbeddingsAreThoseOfOneFaceAtATime() {
        try (FaceEngine batched = new FaceEngine(EngineConfig.defaults().withWorkers(1)
                .withBatching(new EmbedBatching(8, Duration.ofMillis(2))));
             DecodedImage image = engine.decode(photos.get(4))) {
            List<Face> faces = engine.analyze(image, FaceEngine.Options.DETECT_ONLY).faces();
            assertEquals(5, faces.size());
            List<float[]> one = engine.embed(image, faces);
            List<float[]> together = batched.embed(image, faces);
            for (int i = 0; i < faces.size(); i++) {
                assertEquals(1f, Embedder.cosine(one.get(i), together.get(i)), 1e-4f, "face " + i);
            }
            // 5 faces and their mirrors: 10 images in batches of at most 8
            assertArrayEquals(new long[] {2, 10}, batched.embeddingBatchStats());
            assertArrayEquals(new long[] {0, 0}, engine.embeddingBatchStats(), "off by default");
        }
    }

    @Test
    void findsEveryClearlyVisibleFaceInTheGroupPhotos() {
        int[] expected = {3, 3, 3, 4, 5, 4};
        for (int i = 0; i < expected.length; i++) {
            FaceAnalysis a = engine.analyze(photos.get(i));
            assertEquals(expected[i], a.faces().size(), "sample" + (i + 1));
            for (Face f : a.faces()) {
                assertEquals(Embedder.DIMENSIONS, f.embedding().length);
                double norm = 0;
                for (float v : f.embedding()) {
                    norm += v * v;
                }
                assertEquals(1.0, norm, 1e-3);
                assertTrue(f.quality().overall() > 0 && f.quality().overall() <= 1);
                assertNotNull(f.liveness());
            }
            assertTrue(a.timings().embed() > 0 && a.timings().detect() > 0);
        }
    }

    @Test
    void differentPeopleInOnePhotoDoNotMatch() {
        for (byte[] photo : photos) {
            List<Face> faces = engine.analyze(photo).faces();
            for (int i = 0; i < faces.size(); i++) {
                for (int j = i + 1; j < faces.size(); j++) {
                    float s = Embedder.cosine(faces.get(i).embedding(), faces.get(j).embedding());
                    assertTrue(s < Gallery.DEFAULT_THRESHOLD, "two people scored " + s);
                }
            }
        }
    }

    @Test
    void augmentedCopiesOfAFaceMatchIt() {
        // the most frontal face of sample3: crop, then mirror / brightness / scale / recompression
        Face reference;
        Map<String, byte[]> copies;
        try (DecodedImage img = engine.decode(photos.get(2))) {
            FaceAnalysis a = engine.analyze(img, FaceEngine.Options.ALL);
            reference = a.faces().stream().max((x, y) -> Float.compare(x.quality().pose(), y.quality().pose())).orElseThrow();
            Box context = reference.detection().box().scaled(1.6f).clip(img.width(), img.height());
            try (Mat crop = Pixels.crop(img.bgr(), context).clone()) {
                copies = FixtureSet.augmentations(crop);
            }
        }
        for (var e : copies.entrySet()) {
            Face f = engine.analyze(e.getValue()).primary().orElseThrow(() -> new AssertionError("no face in " + e.getKey()));
            float s = Embedder.cosine(reference.embedding(), f.embedding());
            assertTrue(s >= Gallery.DEFAULT_THRESHOLD, e.getKey() + " scored " + s);
        }
    }

    @Test
    void theGallerySaysUnknownForAnUnenrolledFace() {
        List<Face> faces = engine.analyze(photos.get(4)).faces();
        Gallery gallery = new Gallery(Embedder.DIMENSIONS, Gallery.DEFAULT_THRESHOLD);
        for (int i = 1; i < faces.size(); i++) {
            gallery.add("person-" + i, "t-" + i, faces.get(i).embedding());
        }
        Match stranger = gallery.match(faces.get(0).embedding(), 3);
        assertFalse(stranger.known(), "a stranger was named: " + stranger);
        Match known = gallery.match(faces.get(2).embedding(), 3);
        assertEquals("person-2", known.personId());
        assertTrue(known.margin() > 0.3f, "margin " + known.margin());
        gallery.removePerson("person-2");
        assertFalse(gallery.match(faces.get(2).embedding(), 3).known(), "erased person still recognised");
    }

    @Test
    void pngGrayscaleRgbaAndExifRotatedInputsWork() throws Exception {
        BufferedImage src = ImageIO.read(new java.io.ByteArrayInputStream(photos.get(2)));
        int expected = engine.analyze(photos.get(2)).faces().size();
        for (int type : new int[] {BufferedImage.TYPE_BYTE_GRAY, BufferedImage.TYPE_INT_ARGB}) {
            BufferedImage converted = new BufferedImage(src.getWidth(), src.getHeight(), type);
            converted.getGraphics().drawImage(src, 0, 0, null);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(converted, "png", out);
            assertEquals(expected, engine.analyze(out.toByteArray()).faces().size(), "png type " + type);
        }
        // the same photo stored sideways with EXIF orientation 6 ("rotate 90 CW to view")
        byte[] rotated = ExifJpeg.storedSidewaysWithOrientation6(src);
        FaceAnalysis a = engine.analyze(rotated);
        assertEquals(src.getWidth(), a.imageWidth(), "orientation must be applied");
        assertEquals(expected, a.faces().size());
    }

    @Test
    void badInputGivesClearErrors() {
        byte[] jpeg = photos.get(0);
        assertMessage(new byte[0], "empty");
        assertMessage("hello, world".getBytes(), "not a JPEG, PNG or WebP");
        assertMessage(Arrays.copyOf(jpeg, jpeg.length / 2), "truncated");
        byte[] corrupt = jpeg.clone();
        for (int i = 600; i < corrupt.length - 600; i++) {
            corrupt[i] = (byte) (i * 31);
        }
        assertThrows(InvalidImageException.class, () -> engine.analyze(corrupt));
        byte[] huge = new byte[EngineConfig.defaults().limits().maxBytes() + 1];
        huge[0] = (byte) 0xFF;
        huge[1] = (byte) 0xD8;
        huge[2] = (byte) 0xFF;
        assertMessage(huge, "limit");
    }

    /** WebP (what browsers and phones often save, whatever the file name says), lossy and lossless. */
    @Test
    void webpPhotosAreReadByContentWithTheSameLimits() {
        int expected = engine.analyze(photos.get(0)).faces().size();
        for (int quality : new int[] {90, 101}) { // 101 = lossless
            byte[] webp;
            try (var img = engine.decode(photos.get(0));
                 org.bytedeco.javacpp.BytePointer buf = new org.bytedeco.javacpp.BytePointer();
                 org.bytedeco.javacpp.IntPointer params = new org.bytedeco.javacpp.IntPointer(
                         org.bytedeco.opencv.global.opencv_imgcodecs.IMWRITE_WEBP_QUALITY, quality)) {
                assertTrue(org.bytedeco.opencv.global.opencv_imgcodecs.imencode(".webp", img.bgr(), buf, params));
                webp = new byte[(int) buf.limit()];
                buf.get(webp);
            }
            assertEquals("WEBP", new String(webp, 8, 4, java.nio.charset.StandardCharsets.US_ASCII));
            assertEquals(expected, engine.analyze(webp).faces().size(), "faces in the WebP at quality " + quality);
            assertMessage(Arrays.copyOf(webp, webp.length - 100), "truncated");
        }
        // an extended-format header claiming 30000x30000 is refused before anything is decoded
        byte[] bomb = new byte[64];
        System.arraycopy("RIFF".getBytes(), 0, bomb, 0, 4);
        bomb[4] = (byte) (bomb.length - 8);
        System.arraycopy("WEBPVP8X".getBytes(), 0, bomb, 8, 8);
        bomb[16] = 10;
        int side = 30000 - 1;
        for (int at : new int[] {24, 27}) {
            bomb[at] = (byte) side;
            bomb[at + 1] = (byte) (side >> 8);
            bomb[at + 2] = (byte) (side >> 16);
        }
        assertMessage(bomb, "megapixels");
    }

    @Test
    void decompressionBombsAreRefusedBeforeDecoding() throws Exception {
        BufferedImage big = new BufferedImage(8000, 6000, BufferedImage.TYPE_BYTE_GRAY);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(big, "png", out);
        assertTrue(out.size() < 1_000_000, "a 48 MP blank PNG is tiny: " + out.size());
        assertMessage(out.toByteArray(), "megapixels");
    }

    @Test
    void missingOrAlteredModelsNameTheFileAndTheFix(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        ModelUnavailableException missing = assertThrows(ModelUnavailableException.class, () -> ModelFiles.verify(dir));
        assertTrue(missing.getMessage().contains("fetch-models.sh"), missing.getMessage());
        for (String f : List.of(ModelFiles.DETECT, ModelFiles.LANDMARK, ModelFiles.FEATURE, ModelFiles.LIVENESS)) {
            Files.copy(ModelFiles.defaultDirectory().resolve(f), dir.resolve(f));
        }
        ModelFiles.verify(dir);
        Files.write(dir.resolve(ModelFiles.FEATURE), new byte[] {1, 2, 3}, java.nio.file.StandardOpenOption.APPEND);
        ModelUnavailableException altered = assertThrows(ModelUnavailableException.class, () -> ModelFiles.verify(dir));
        assertTrue(altered.getMessage().contains(ModelFiles.FEATURE) && altered.getMessage().contains("SHA-256"));
    }

    @Test
    void aFaceMovingAcrossFramesKeepsOneTrackAndIsEmbeddedOnce() {
        List<Face> faces = engine.analyze(photos.get(2)).faces();
        Face face = faces.get(0);
        FaceTracker tracker = new FaceTracker("cam-1", TrackerConfig.DEFAULT);
        String trackId = null;
        int embedded = 0;
        for (int frame = 0; frame < 20; frame++) {
            Box b = face.detection().box();
            Box moved = new Box(b.x1() + frame * 6, b.y1() + frame * 2, b.x2() + frame * 6, b.y2() + frame * 2);
            List<TrackedFace> t = tracker.assign(frame * 200L, List.of(moved), new float[] {face.quality().overall()});
            assertEquals(1, t.size());
            if (trackId == null) {
                trackId = t.get(0).trackId();
            }
            assertEquals(trackId, t.get(0).trackId(), "track id changed at frame " + frame);
            if (t.get(0).embedNow()) {
                embedded++;
                tracker.addEmbedding(trackId, face.embedding(), face.quality().overall(), frame * 200L);
            }
        }
        // 20 frames over 4 s: the first embedding plus one interval refresh (3 s)
        assertTrue(embedded <= 2, "embedded " + embedded + " times");
        assertEquals(1f, Embedder.cosine(face.embedding(), tracker.identityEmbedding(trackId)), 1e-4f);
        // a face that leaves for longer than the max age comes back as a new track
        List<TrackedFace> later = tracker.assign(20_000L, List.of(face.detection().box()), new float[] {0.5f});
        assertTrue(later.get(0).newTrack());
    }

    private static void assertMessage(byte[] input, String fragment) {
        InvalidImageException e = assertThrows(InvalidImageException.class, () -> engine.analyze(input));
        assertTrue(e.getMessage().contains(fragment), e.getMessage());
    }
}
