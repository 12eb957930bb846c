package org.rollcall.face.classify;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.rollcall.face.gallery.Candidate;
import org.rollcall.face.gallery.Gallery;
import org.rollcall.face.gallery.Match;
import smile.classification.SVM;
import smile.math.kernel.LinearKernel;

/**
 * Optional SVM mode (Smile, linear one-versus-rest): for organizations with many photos per
 * person, a classifier trained on all templates can separate look-alikes better than the nearest
 * template. It only ever chooses among the gallery's candidates that already clear the cosine
 * threshold, so it can reorder known people but can never name a stranger.
 */
public final class PersonClassifier {
    /** Soft-margin penalty; embeddings are unit vectors, so the scale is fixed. */
    public static final double DEFAULT_C = 1.0;
    private static final double TOLERANCE = 1e-3;

    private final List<SVM<double[]>> machines;
    private final List<String> persons;

    private PersonClassifier(List<SVM<double[]>> machines, List<String> persons) {
        this.machines = machines;
        this.persons = persons;
    }

    /**
     * Trains on labelled embeddings. Needs at least two persons; a person with one photo is
     * allowed but gains little.
     */
    public static PersonClassifier train(List<String> personIds, List<float[]> embeddings, double c) {
        if (personIds.size() != embeddings.size() || embeddings.isEmpty()) {
            throw new IllegalArgumentException("one person id per embedding, at least one embedding");
        }
        Map<String, Integer> index = new HashMap<>();
        List<String> persons = new ArrayList<>();
        int[] y = new int[personIds.size()];
        double[][] x = new double[embeddings.size()][];
        for (int i = 0; i < y.length; i++) {
            y[i] = index.computeIfAbsent(personIds.get(i), p -> {
                persons.add(p);
                return persons.size() - 1;
            });
            float[] e = embeddings.get(i);
            x[i] = new double[e.length];
            for (int d = 0; d < e.length; d++) {
                x[i][d] = e[d];
            }
        }
        if (persons.size() < 2) {
            throw new IllegalArgumentException("the SVM mode needs at least two enrolled persons");
        }
        // one linear machine per person (that person vs everyone else); the highest score wins
        List<SVM<double[]>> machines = new ArrayList<>();
        for (int p = 0; p < persons.size(); p++) {
            int[] binary = new int[y.length];
            for (int i = 0; i < y.length; i++) {
                binary[i] = y[i] == p ? 1 : -1;
            }
            machines.add(SVM.fit(x, binary, new LinearKernel(), c, TOLERANCE));
        }
        return new PersonClassifier(machines, List.copyOf(persons));
    }

    public String predict(float[] embedding) {
        double[] x = new double[embedding.length];
        for (int d = 0; d < x.length; d++) {
            x[d] = embedding[d];
        }
        int best = 0;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (int p = 0; p < machines.size(); p++) {
            double score = machines.get(p).score(x);
            if (score > bestScore) {
                bestScore = score;
                best = p;
            }
        }
        return persons.get(best);
    }

    /**
     * The gated decision: the classifier's person if the gallery finds that person at or above
     * the threshold among the top candidates, otherwise the gallery's own open-set answer (which
     * is "unknown" when nobody clears the threshold).
     */
    public Match match(Gallery gallery, float[] probe, int topK) {
        Match nearest = gallery.match(probe, Math.max(topK, 2));
        if (!nearest.known()) {
            return nearest;
        }
        String chosen = predict(probe);
        for (Candidate c : nearest.candidates()) {
            if (c.personId().equals(chosen) && c.similarity() >= gallery.threshold()) {
                float runnerUp = nearest.candidates().stream()
                        .filter(o -> !o.personId().equals(chosen))
                        .map(Candidate::similarity).findFirst().orElse(0f);
                return new Match(chosen, c.similarity(), c.similarity() - runnerUp, nearest.candidates());
            }
        }
        return nearest;
    }

    public List<String> persons() {
        return persons;
    }
}
