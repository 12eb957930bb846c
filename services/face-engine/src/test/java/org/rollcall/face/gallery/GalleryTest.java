package org.rollcall.face.gallery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.rollcall.face.embed.Embedder;
import org.rollcall.face.fixtures.ClusteredEmbeddings;

/** The open-set matcher on embeddings shaped like a face model's (see {@link ClusteredEmbeddings}). */
class GalleryTest {
    static final int D = Embedder.DIMENSIONS;

    /** The best person by exhaustive search over templates and centroids: what the gallery must report. */
    private static String bruteForceBest(Map<String, List<float[]>> templates, float[] probe) {
        String best = null;
        float bestScore = -2;
        for (var e : templates.entrySet()) {
            int dims = e.getValue().get(0).length;
            float[] sum = new float[dims];
            for (float[] t : e.getValue()) {
                float s = Embedder.cosine(t, probe);
                if (s > bestScore) {
                    bestScore = s;
                    best = e.getKey();
                }
                for (int i = 0; i < dims; i++) {
                    sum[i] += t[i];
                }
            }
            Embedder.normalize(sum);
            float c = Embedder.cosine(sum, probe);
            if (c > bestScore) {
                bestScore = c;
                best = e.getKey();
            }
        }
        return best;
    }

    @Test
    void theSignCodePrefilterFindsThePlantedPersonInALargeClusteredGallery() {
        ClusteredEmbeddings faces = new ClusteredEmbeddings(D, 11);
        Gallery g = new Gallery(D, Gallery.DEFAULT_THRESHOLD);
        int people = 6_000;
        List<float[]> centres = new ArrayList<>();
        for (int p = 0; p < people; p++) {
            float[] c = faces.person();
            centres.add(c);
            g.add("p" + p, "t" + p, faces.photo(c));
        }
        assertTrue(g.size() > Gallery.EXACT_SCAN_LIMIT, "exercise the prefilter path");
        int probes = 0;
        int found = 0;
        int named = 0;
        for (int p = 0; p < people; p += 30) {
            Match m = g.match(faces.photo(centres.get(p)), 3);
            probes++;
            if (!m.candidates().isEmpty() && m.candidates().get(0).personId().equals("p" + p)) {
                found++;
            }
            if (("p" + p).equals(m.personId())) {
                named++;
            }
        }
        // recall@1 of the planted person among candidates (exact re-rank), and named at the default threshold
        assertTrue(found >= probes * 0.99, "recall@1 " + found + "/" + probes);
        assertTrue(named >= probes * 0.80, "named " + named + "/" + probes);
        int strangersNamed = 0;
        for (int i = 0; i < 200; i++) {
            if (g.match(faces.photo(faces.person()), 3).known()) {
                strangersNamed++;
            }
        }
        assertEquals(0, strangersNamed, "strangers named at the default threshold");
    }

    @Test
    void thePrefilterPathReportsExactSimilaritiesOfTheTrueBestPerson() {
        // 64-d vectors make the prefilter path cheap to test exhaustively
        int dims = 64;
        ClusteredEmbeddings faces = new ClusteredEmbeddings(dims, 21);
        Gallery g = new Gallery(dims, 0.5f);
        Map<String, List<float[]>> templates = new HashMap<>();
        List<float[]> centres = new ArrayList<>();
        for (int p = 0; p < Gallery.EXACT_SCAN_LIMIT + 500; p++) {
            float[] c = faces.person();
            centres.add(c);
            float[] v = faces.around(c, 0.5);
            g.add("p" + p, "t" + p, v);
            templates.put("p" + p, List.of(v));
        }
        for (int p = 0; p < centres.size(); p += 97) {
            float[] probe = faces.around(centres.get(p), 0.5);
            Match m = g.match(probe, 3);
            String best = bruteForceBest(templates, probe);
            assertEquals(best, m.candidates().get(0).personId(), "probe of p" + p);
            assertEquals(Embedder.cosine(templates.get(best).get(0), probe), m.similarity(), 2e-3, "re-ranked on the stored (bfloat16) vector");
            assertEquals(3, m.candidates().size());
            assertTrue(m.candidates().get(0).similarity() >= m.candidates().get(1).similarity());
            assertTrue(m.candidates().get(1).similarity() >= m.candidates().get(2).similarity());
        }
    }

    @Test
    void theExactPathAgreesWithExhaustiveSearchIncludingCentroids() {
        ClusteredEmbeddings faces = new ClusteredEmbeddings(D, 5);
        Gallery g = new Gallery(D, Gallery.DEFAULT_THRESHOLD);
        Map<String, List<float[]>> templates = new HashMap<>();
        List<float[]> centres = new ArrayList<>();
        for (int p = 0; p < 300; p++) {
            float[] c = faces.person();
            centres.add(c);
            for (int t = 0; t < 1 + p % 3; t++) {
                float[] v = faces.photo(c);
                g.add("p" + p, "p" + p + "-t" + t, v);
                templates.computeIfAbsent("p" + p, k -> new ArrayList<>()).add(v);
            }
        }
        for (int p = 0; p < 300; p += 7) {
            float[] probe = faces.photo(centres.get(p));
            Match m = g.match(probe, 3);
            assertEquals(bruteForceBest(templates, probe), m.candidates().get(0).personId(), "probe of p" + p);
        }
    }

    @Test
    void severalPhotosOfAPersonAgreeThroughTheirCentroid() {
        ClusteredEmbeddings faces = new ClusteredEmbeddings(D, 3);
        float[] centre = faces.person();
        // three photos, each below the threshold on its own against a probe, their mean above it
        Gallery g = new Gallery(D, 0.75f);
        List<float[]> photos = List.of(faces.photo(centre), faces.photo(centre), faces.photo(centre));
        for (int i = 0; i < photos.size(); i++) {
            g.add("ada", "ada-" + i, photos.get(i));
        }
        float[] probe = faces.around(centre, 0.3);
        float bestSingle = 0;
        for (float[] p : photos) {
            bestSingle = Math.max(bestSingle, Embedder.cosine(p, probe));
        }
        assertTrue(bestSingle < 0.75f, "set-up: every single photo is below the threshold (" + bestSingle + ")");
        Match m = g.match(probe, 1);
        assertEquals("ada", m.personId(), "the centroid of three photos names her: " + m);
        assertTrue(m.similarity() > bestSingle);
        assertTrue(m.candidates().get(0).templateId().startsWith("ada-"));
    }

    @Test
    void theDecisionIsAtOrAboveTheThresholdAndTheMarginIsToTheRunnerUp() {
        Gallery g = new Gallery(4, 0.5f);
        g.add("a", "a1", new float[] {1, 0, 0, 0});
        g.add("b", "b1", new float[] {0, 1, 0, 0});
        float[] atThreshold = {0.5f, (float) Math.sqrt(0.75), 0, 0};
        Match m = g.match(atThreshold, 2);
        assertEquals("b", m.personId());
        assertEquals(Math.sqrt(0.75), m.similarity(), 1e-5);
        assertEquals(Math.sqrt(0.75) - 0.5, m.margin(), 1e-5);
        assertEquals(List.of("b", "a"), m.candidates().stream().map(Candidate::personId).toList());
        Match exactly = g.match(new float[] {0.5f, 0, (float) Math.sqrt(0.75), 0}, 2);
        assertEquals("a", exactly.personId(), "a similarity equal to the threshold names the person");
        Match below = g.match(new float[] {0.49f, 0, (float) Math.sqrt(1 - 0.49 * 0.49), 0}, 2);
        assertNull(below.personId());
        assertEquals(0.49f, below.similarity(), 1e-5, "the similarity is reported even when unknown");
    }

    @Test
    void aLoneCandidateHasItsWholeSimilarityAsMarginAndNegativeRunnersUpCountAsZero() {
        Gallery g = new Gallery(2, 0.5f);
        g.add("a", "a1", new float[] {1, 0});
        assertEquals(0.8f, g.match(new float[] {0.8f, 0.6f}, 3).margin(), 1e-5);
        g.add("b", "b1", new float[] {-1, 0});
        Match m = g.match(new float[] {0.8f, 0.6f}, 3);
        assertEquals(0.8f, m.margin(), 1e-5);
        assertEquals(2, m.candidates().size());
        assertEquals(1, g.match(new float[] {0.8f, 0.6f}, 1).candidates().size());
    }

    @Test
    void anEmptyGalleryKnowsNobody() {
        Match m = new Gallery(D, Gallery.DEFAULT_THRESHOLD).match(new float[D], 3);
        assertFalse(m.known());
        assertTrue(m.candidates().isEmpty());
    }

    @ParameterizedTest
    @ValueSource(floats = {0f, 1f, -0.5f, 1.5f})
    void thresholdsOutsideTheOpenUnitIntervalAreRefused(float t) {
        Gallery g = new Gallery(4, 0.5f);
        assertThrows(IllegalArgumentException.class, () -> g.setThreshold(t));
        assertEquals(0.5f, g.threshold());
    }

    @Test
    void aChangedThresholdChangesTheDecision() {
        Gallery g = new Gallery(2, 0.5f);
        g.add("a", "a1", new float[] {1, 0});
        float[] probe = {0.6f, 0.8f};
        assertEquals("a", g.match(probe, 1).personId());
        g.setThreshold(0.7f);
        assertEquals(0.7f, g.threshold());
        assertNull(g.match(probe, 1).personId());
    }

    @Test
    void embeddingsOfTheWrongSizeAreRefused() {
        Gallery g = new Gallery(D, Gallery.DEFAULT_THRESHOLD);
        assertThrows(IllegalArgumentException.class, () -> g.add("a", "t", new float[D - 1]));
        assertEquals(0, g.size());
    }

    @Test
    void removalKeepsEveryOtherTemplateFindableAndTheBookkeepingTrue() {
        ClusteredEmbeddings faces = new ClusteredEmbeddings(D, 9);
        Gallery g = new Gallery(D, Gallery.DEFAULT_THRESHOLD);
        List<float[]> stored = new ArrayList<>();
        List<float[]> centres = new ArrayList<>();
        for (int p = 0; p < 3000; p++) {
            centres.add(faces.person());
        }
        for (int i = 0; i < 9000; i++) {
            float[] v = faces.photo(centres.get(i % 3000));
            stored.add(v);
            g.add("p" + (i % 3000), "t" + i, v);
        }
        assertEquals(3000, g.people());
        long version = g.version();
        assertTrue(g.remove("t17"));
        assertFalse(g.remove("t17"));
        assertTrue(g.version() > version);
        assertEquals(java.util.Set.of("t5", "t3005", "t6005"), java.util.Set.copyOf(g.templatesOf("p5")));
        assertEquals(3, g.removePerson("p5"));
        assertEquals(0, g.removePerson("p5"));
        assertEquals(List.of(), g.templatesOf("p5"));
        assertEquals(2999, g.people());
        assertEquals(9000 - 4, g.size());
        int[] visited = {0};
        g.forEachTemplate((person, v) -> {
            assertFalse(person.equals("p5"));
            visited[0]++;
        });
        assertEquals(9000 - 4, visited[0]);
        for (int i = 0; i < 9000; i += 101) {
            Match m = g.match(stored.get(i), 1);
            if (i % 3000 == 5) {
                assertFalse("p5".equals(m.personId()), "an erased person was named");
            } else if (i != 17) {
                assertEquals("p" + (i % 3000), m.personId(), "template t" + i + " lost after removals");
            }
        }
        // replacing a template id does not duplicate it
        g.add("p1", "t1", stored.get(1));
        assertEquals(9000 - 4, g.size());
        assertTrue(g.bytes() >= (long) (9000 - 4) * D * Short.BYTES);
    }

    @Test
    void removingTheOnlyTemplateForgetsThePersonsCentroid() {
        Gallery g = new Gallery(2, 0.5f);
        g.add("a", "a1", new float[] {1, 0});
        g.add("b", "b1", new float[] {0, 1});
        assertTrue(g.remove("a1"));
        assertEquals(1, g.people());
        Match m = g.match(new float[] {1, 0}, 3);
        assertEquals(List.of("b"), m.candidates().stream().map(Candidate::personId).toList());
    }

    @Test
    void removingATemplateTakesItOutOfThePersonsCentroid() {
        Gallery g = new Gallery(2, 0.5f);
        float r = (float) Math.sqrt(0.5);
        g.add("a", "a1", new float[] {1, 0});
        g.add("a", "a2", new float[] {0, 1});
        float[] between = {r, r};
        assertEquals(1f, g.match(between, 1).similarity(), 1e-5, "the centroid of both templates");
        assertTrue(g.remove("a2"));
        assertEquals(r, g.match(between, 1).similarity(), 1e-5, "only the remaining template counts");
        g.add("a", "a2", new float[] {0, 1});
        assertEquals(1f, g.match(between, 1).similarity(), 1e-5, "added back");
    }
}
