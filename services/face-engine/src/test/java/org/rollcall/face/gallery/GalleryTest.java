package org.rollcall.face.gallery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.rollcall.face.embed.Embedder;

/** The matcher's bookkeeping and its large-gallery (projected prefilter) path. */
class GalleryTest {
    private final Random rnd = new Random(7);

    private float[] random() {
        float[] v = new float[Embedder.DIMENSIONS];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) rnd.nextGaussian();
        }
        Embedder.normalize(v);
        return v;
    }

    private float[] near(float[] v, float noise) {
        float[] p = v.clone();
        for (int i = 0; i < p.length; i++) {
            p[i] += (float) rnd.nextGaussian() * noise;
        }
        Embedder.normalize(p);
        return p;
    }

    @Test
    void largeGalleriesFindThePlantedPersonAndRefuseStrangers() {
        Gallery g = new Gallery(Embedder.DIMENSIONS, Gallery.DEFAULT_THRESHOLD);
        List<float[]> stored = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            float[] v = random();
            stored.add(v);
            g.add("p" + i, "t" + i, v);
        }
        assertTrue(g.size() > Gallery.EXACT_SCAN_LIMIT, "exercise the prefilter path");
        for (int i = 0; i < 20_000; i += 997) {
            Match m = g.match(near(stored.get(i), 0.05f), 3);
            assertEquals("p" + i, m.personId(), "planted match " + i + " got " + m);
            assertTrue(m.margin() > 0.3f);
        }
        for (int i = 0; i < 20; i++) {
            assertFalse(g.match(random(), 3).known(), "a random stranger was named");
        }
    }

    @Test
    void removalKeepsEveryOtherTemplateFindable() {
        Gallery g = new Gallery(Embedder.DIMENSIONS, Gallery.DEFAULT_THRESHOLD);
        List<float[]> stored = new ArrayList<>();
        for (int i = 0; i < 9000; i++) {
            float[] v = random();
            stored.add(v);
            g.add("p" + (i % 3000), "t" + i, v);
        }
        assertEquals(3000, g.people());
        assertTrue(g.remove("t17"));
        assertFalse(g.remove("t17"));
        assertEquals(3, g.removePerson("p5"));
        assertEquals(9000 - 4, g.size());
        for (int i = 0; i < 9000; i += 101) {
            Match m = g.match(stored.get(i), 1);
            if (i == 17 || i % 3000 == 5) {
                assertTrue(m.candidates().isEmpty() || !m.candidates().get(0).templateId().equals("t" + i));
            } else {
                assertEquals("p" + (i % 3000), m.personId(), "template t" + i + " lost after removals");
            }
        }
        // replacing a template id does not duplicate it
        g.add("p1", "t1", stored.get(1));
        assertEquals(9000 - 4, g.size());
    }
}
