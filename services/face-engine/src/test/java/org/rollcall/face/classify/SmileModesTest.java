package org.rollcall.face.classify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.rollcall.face.EngineConfig;
import org.rollcall.face.Face;
import org.rollcall.face.FaceEngine;
import org.rollcall.face.fixtures.FixtureSet;
import org.rollcall.face.cluster.UnknownClusters;
import org.rollcall.face.detect.Box;
import org.rollcall.face.detect.Pixels;
import org.rollcall.face.embed.Embedder;
import org.rollcall.face.gallery.Gallery;
import org.rollcall.face.gallery.Match;
import org.rollcall.face.image.DecodedImage;

/**
 * Smile's two jobs on real embeddings: the SVM mode names enrolled people but never a stranger,
 * and DBSCAN groups repeated sightings of one unknown face while leaving one-offs as noise.
 * All people come from one group photo (sample5), so they are certainly different people.
 */
class SmileModesTest {
    static FaceEngine engine;
    /** Per face of sample5: embeddings of its crop and augmented copies (orig first). */
    static List<List<float[]>> sightings = new ArrayList<>();

    @BeforeAll
    static void embed() throws Exception {
        engine = new FaceEngine(EngineConfig.defaults().withWorkers(2));
        byte[] photo = Files.readAllBytes(FixtureSet.samples().get(4));
        try (DecodedImage img = engine.decode(photo)) {
            List<Face> faces = engine.analyze(img, FaceEngine.Options.ALL).faces();
            assertEquals(5, faces.size());
            for (Face face : faces) {
                List<float[]> list = new ArrayList<>();
                list.add(face.embedding());
                Box context = face.detection().box().scaled(1.6f).clip(img.width(), img.height());
                try (Mat crop = Pixels.crop(img.bgr(), context).clone()) {
                    for (var copy : FixtureSet.augmentations(crop).entrySet()) {
                        // the augmented crop may also show a neighbour: take the face most like this one
                        engine.analyze(copy.getValue()).faces().stream()
                                .max((a, b) -> Float.compare(Embedder.cosine(a.embedding(), face.embedding()),
                                        Embedder.cosine(b.embedding(), face.embedding())))
                                .ifPresent(f -> list.add(f.embedding()));
                    }
                }
                assertTrue(list.size() >= 5, "too few augmented copies found a face: " + list.size());
                sightings.add(list);
            }
        }
    }

    @AfterAll
    static void close() {
        engine.close();
    }

    @Test
    void svmModeNamesEnrolledPeopleAndNeverAStranger() {
        // faces 1..4 enrolled with half of their copies; face 0 is the stranger
        Gallery gallery = new Gallery(Embedder.DIMENSIONS, Gallery.DEFAULT_THRESHOLD);
        List<String> ids = new ArrayList<>();
        List<float[]> train = new ArrayList<>();
        for (int p = 1; p < sightings.size(); p++) {
            List<float[]> s = sightings.get(p);
            for (int i = 0; i < s.size(); i += 2) {
                gallery.add("person-" + p, "t-" + p + "-" + i, s.get(i));
                ids.add("person-" + p);
                train.add(s.get(i));
            }
        }
        PersonClassifier svm = PersonClassifier.train(ids, train, PersonClassifier.DEFAULT_C);
        assertEquals(4, svm.persons().size());
        int named = 0;
        int probes = 0;
        for (int p = 1; p < sightings.size(); p++) {
            List<float[]> s = sightings.get(p);
            for (int i = 1; i < s.size(); i += 2) {
                probes++;
                Match m = svm.match(gallery, s.get(i), 3);
                if (m.known()) {
                    assertEquals("person-" + p, m.personId(), "wrong person for a held-out copy");
                    assertTrue(m.similarity() >= gallery.threshold());
                    named++;
                }
            }
        }
        assertTrue(named >= probes - 1, "held-out copies named: " + named + "/" + probes);
        for (float[] stranger : sightings.get(0)) {
            // the classifier alone always picks someone; the gate must turn that into "unknown"
            assertTrue(svm.persons().contains(svm.predict(stranger)), "the raw classifier names an enrolled person");
            assertFalse(svm.match(gallery, stranger, 3).known(), "the SVM mode named a stranger");
        }
    }

    @Test
    void dbscanGroupsRepeatedUnknownsAndLeavesOneOffsAsNoise() {
        List<float[]> unknowns = new ArrayList<>();
        List<Integer> truth = new ArrayList<>();
        for (int p = 0; p < 3; p++) {
            for (float[] e : sightings.get(p)) {
                unknowns.add(e);
                truth.add(p);
            }
        }
        for (int p = 3; p < 5; p++) {
            unknowns.add(sightings.get(p).get(0));
            truth.add(-1);
        }
        int[] labels = UnknownClusters.cluster(unknowns, UnknownClusters.DEFAULT_MIN_SIGHTINGS,
                UnknownClusters.DEFAULT_RADIUS);
        List<List<Integer>> groups = UnknownClusters.groups(labels);
        assertEquals(3, groups.size(), "clusters: " + groups);
        for (List<Integer> g : groups) {
            Set<Integer> people = new HashSet<>();
            g.forEach(i -> people.add(truth.get(i)));
            assertEquals(1, people.size(), "a cluster mixes people: " + g);
            assertFalse(people.contains(-1), "a one-off sighting joined a cluster");
            assertTrue(g.size() >= 4, "a visitor's sightings were split: " + g);
        }
        for (int i = 0; i < labels.length; i++) {
            if (truth.get(i) == -1) {
                assertEquals(-1, labels[i], "one-off sighting " + i + " is not noise");
            }
        }
    }
}
