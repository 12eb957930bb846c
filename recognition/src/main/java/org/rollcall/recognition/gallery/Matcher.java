package org.rollcall.recognition.gallery;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.rollcall.face.classify.PersonClassifier;
import org.rollcall.face.gallery.Gallery;
import org.rollcall.face.gallery.Match;

/**
 * The open-set decision for a probe of an organization: nearest templates and centroids, or the
 * SVM mode (retrained when the gallery changes, and still gated by the cosine threshold).
 */
public final class Matcher {
    static final int TOP_K = 3;
    private static final Match NOBODY = new Match(null, 0f, 0f, List.of());

    private final Galleries galleries;
    private final boolean svm;
    private final Map<String, Trained> classifiers = new ConcurrentHashMap<>();

    private record Trained(long version, PersonClassifier classifier) {
    }

    public Matcher(Galleries galleries, String mode) {
        if (!mode.equals("nearest") && !mode.equals("svm")) {
            throw new IllegalArgumentException("rollcall.recognition.matcher must be nearest or svm, not " + mode);
        }
        this.galleries = galleries;
        this.svm = mode.equals("svm");
    }

    public Match match(String orgId, float[] probe) {
        Gallery g = galleries.existing(orgId);
        if (g == null || g.size() == 0) {
            return NOBODY;
        }
        if (svm && g.people() >= 2) {
            return classifier(orgId, g).match(g, probe, TOP_K);
        }
        return g.match(probe, TOP_K);
    }

    private PersonClassifier classifier(String orgId, Gallery g) {
        long version = g.version();
        Trained t = classifiers.get(orgId);
        if (t == null || t.version() != version) {
            List<String> persons = new ArrayList<>();
            List<float[]> vectors = new ArrayList<>();
            g.forEachTemplate((person, vector) -> {
                persons.add(person);
                vectors.add(vector);
            });
            t = new Trained(version, PersonClassifier.train(persons, vectors, PersonClassifier.DEFAULT_C));
            classifiers.put(orgId, t);
        }
        return t.classifier();
    }
}
