package org.rollcall.face.track;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.rollcall.face.EngineConfig;
import org.rollcall.face.Face;
import org.rollcall.face.FaceEngine;
import org.rollcall.face.detect.Box;
import org.rollcall.face.detect.Detection;
import org.rollcall.face.embed.Embedder;
import org.rollcall.face.fixtures.FixtureSet;
import org.rollcall.face.gallery.Gallery;
import org.rollcall.face.gallery.Match;
import org.rollcall.face.image.DecodedImage;

/**
 * Per-track decisions on sequences built from the fixture photos, with the real models: each
 * "frame" is one image of a person at the same place, and every frame is embedded (the worst case
 * for a one-frame resemblance; the service embeds far less often). What the recognition service
 * does per frame: the tracker, a vote per embedding, the mean's match, the decision, publication.
 */
class TrackSequenceTest {
    static FaceEngine engine;
    /** Per fixture face of one group photo: its six images (crop, mirror, brighter, darker, half, q25). */
    static List<List<Face>> people = new ArrayList<>();
    static List<List<float[]>> embeddings = new ArrayList<>();

    @BeforeAll
    static void load() throws Exception {
        engine = new FaceEngine(EngineConfig.defaults().withWorkers(2));
        try (DecodedImage group = engine.decode(Files.readAllBytes(FixtureSet.samples().get(4)))) {
            List<Detection> faces = engine.detect(group);
            for (int i = 0; i < faces.size(); i++) {
                List<Face> images = new ArrayList<>();
                List<float[]> vectors = new ArrayList<>();
                try (Mat crop = FixtureSet.faceCrop(group, faces, i)) {
                    for (Map.Entry<String, byte[]> e : FixtureSet.augmentations(crop).entrySet()) {
                        var f = engine.analyze(e.getValue()).primary();
                        if (f.isPresent()) {
                            images.add(f.get());
                            vectors.add(f.get().embedding());
                        }
                    }
                }
                people.add(images);
                embeddings.add(vectors);
            }
        }
    }

    @AfterAll
    static void close() {
        engine.close();
    }

    /** Runs one camera's frames (one face each, always at the same place) and returns what was published. */
    private static List<TrackDecisions.Publication> run(Gallery gallery, List<Face> faces, List<float[]> vectors) {
        FaceTracker tracker = new FaceTracker("cam", new TrackerConfig(0.3f, 1500, 0.15f, 0));
        TrackDecisions decisions = new TrackDecisions(300_000);
        List<TrackDecisions.Publication> published = new ArrayList<>();
        Box place = new Box(100, 100, 200, 200);
        for (int k = 0; k < faces.size(); k++) {
            long t = k * 200L;
            Face f = faces.get(k);
            TrackedFace tf = tracker.assign(t, List.of(place), new float[] {f.quality().overall()}).get(0);
            if (tf.embedNow()) {
                tracker.addEmbedding(tf.trackId(), vectors.get(k), f.quality().overall(), t);
                decisions.vote(tf.trackId(), gallery.match(vectors.get(k), 3).personId(), f.quality().overall());
            }
            Match mean = gallery.match(tracker.identityEmbedding(tf.trackId()), 3);
            var p = decisions.publish(tf.trackId(), decisions.decide(tf.trackId(), mean.personId()), t);
            if (p != null) {
                published.add(p);
            }
        }
        return published;
    }

    /** Person 0 enrolled with their first image; the others are strangers. */
    private static Gallery gallery() {
        Gallery g = new Gallery(Embedder.DIMENSIONS, Gallery.DEFAULT_THRESHOLD);
        g.add("person-0", "t-0", embeddings.get(0).get(0));
        return g;
    }

    @Test
    void theSamePersonInDifferentImagesIsOneDecision() {
        List<Face> frames = people.get(0).subList(1, people.get(0).size());
        List<float[]> vectors = embeddings.get(0).subList(1, embeddings.get(0).size());
        assertTrue(frames.size() >= 4, "enough images of person 0: " + frames.size());
        List<TrackDecisions.Publication> published = run(gallery(), frames, vectors);
        assertEquals(List.of(new TrackDecisions.Publication("person-0", TrackDecisions.Reason.FIRST)), published,
                "one decision for " + frames.size() + " frames");
    }

    @Test
    void aStrangerWhoResemblesSomeoneForOneFrameStaysUnknown() {
        // the stranger's images, with one image of the enrolled person in the second frame (the
        // worst moment: the least evidence against it)
        List<Face> frames = new ArrayList<>(people.get(1));
        List<float[]> vectors = new ArrayList<>(embeddings.get(1));
        frames.add(1, people.get(0).get(2));
        vectors.add(1, embeddings.get(0).get(2));
        Gallery g = gallery();
        assertEquals("person-0", g.match(embeddings.get(0).get(2), 3).personId(), "that frame alone would be named");
        List<TrackDecisions.Publication> published = run(g, frames, vectors);
        assertEquals(1, published.size(), "no change of decision: " + published);
        assertNull(published.get(0).personId());
    }
}
