package org.rollcall.recognition.gallery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.rollcall.events.EventCodec;
import org.rollcall.events.FaceTemplate;
import org.rollcall.events.Keys;
import org.rollcall.face.embed.Embedder;
import org.rollcall.face.fixtures.ClusteredEmbeddings;
import org.rollcall.face.gallery.Match;

/** The organization-scoped open-set decision, fed from template records as the topic delivers them. */
class MatcherTest {
    static final EventCodec CODEC = new EventCodec();
    final ClusteredEmbeddings faces = new ClusteredEmbeddings(Embedder.DIMENSIONS, 17);
    final Galleries galleries = new Galleries("fr_feature", 0.45f);

    private void enroll(String org, String person, String template, float[] v) {
        galleries.apply(Keys.template(org, person, template),
                CODEC.encode(new FaceTemplate(1, org, person, template, "fr_feature", v, 0.9, Instant.now())));
    }

    @ParameterizedTest
    @ValueSource(strings = {"nearest", "svm"})
    void namesEnrolledPeopleOnlyInTheirOwnOrganization(String mode) {
        float[] ada = faces.person();
        float[] alan = faces.person();
        for (int i = 0; i < 3; i++) {
            enroll("org-a", "ada", "ada-" + i, faces.around(ada, 0.6));
            enroll("org-a", "alan", "alan-" + i, faces.around(alan, 0.6));
        }
        Matcher m = new Matcher(galleries, mode);
        assertEquals("ada", m.match("org-a", faces.around(ada, 0.6)).personId());
        assertEquals("alan", m.match("org-a", faces.around(alan, 0.6)).personId());
        assertNull(m.match("org-a", faces.photo(faces.person())).personId(), "a stranger was named");
        Match elsewhere = m.match("org-b", faces.around(ada, 0.6));
        assertFalse(elsewhere.known(), "another organization's gallery answered");
        assertTrue(elsewhere.candidates().isEmpty());
    }

    @Test
    void aTombstoneErasesAndTheSvmModeRetrainsAfterwards() {
        float[] ada = faces.person();
        float[] alan = faces.person();
        float[] grace = faces.person();
        for (int i = 0; i < 3; i++) {
            enroll("org-a", "ada", "ada-" + i, faces.around(ada, 0.6));
            enroll("org-a", "alan", "alan-" + i, faces.around(alan, 0.6));
            enroll("org-a", "grace", "grace-" + i, faces.around(grace, 0.6));
        }
        Matcher m = new Matcher(galleries, "svm");
        float[] probe = faces.around(grace, 0.6);
        assertEquals("grace", m.match("org-a", probe).personId());
        for (int i = 0; i < 3; i++) {
            galleries.apply(Keys.template("org-a", "grace", "grace-" + i), null);
        }
        assertFalse("grace".equals(m.match("org-a", probe).personId()), "an erased person was named by a stale classifier");
    }

    @Test
    void templatesOfAnotherModelAreIgnored() {
        galleries.apply(Keys.template("org-a", "ada", "t1"), CODEC.encode(new FaceTemplate(1, "org-a", "ada", "t1", "other-model",
                faces.person(), 0.9, Instant.now())));
        assertNull(galleries.existing("org-a"));
    }

    @Test
    void anEmptyGalleryAndAnUnknownModeAreHandled() {
        assertFalse(new Matcher(galleries, "nearest").match("org-none", faces.person()).known());
        assertThrows(IllegalArgumentException.class, () -> new Matcher(galleries, "magic"));
    }
}
