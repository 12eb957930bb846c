package org.rollcall.face.cluster;

import java.util.ArrayList;
import java.util.List;
import org.rollcall.face.embed.Embedder;
import smile.clustering.DBSCAN;
import smile.clustering.PartitionClustering;
import smile.math.distance.Distance;

/**
 * Groups embeddings of unknown faces with DBSCAN (Smile) on cosine distance, so an admin sees
 * "the same unknown visitor, seen 7 times" and can enroll them in one step. DBSCAN needs no
 * cluster count and leaves one-off faces as noise.
 */
public final class UnknownClusters {
    /** Same person in our pipeline is above ~0.42 cosine similarity: cosine distance below ~0.58; 0.5 stays on the safe side. */
    public static final double DEFAULT_RADIUS = 0.5;
    public static final int DEFAULT_MIN_SIGHTINGS = 3;

    private UnknownClusters() {
    }

    /** Cluster label per embedding (0..k-1), or -1 for noise. */
    public static int[] cluster(List<float[]> embeddings, int minSightings, double radius) {
        if (embeddings.size() < minSightings) {
            int[] none = new int[embeddings.size()];
            java.util.Arrays.fill(none, -1);
            return none;
        }
        float[][] data = embeddings.toArray(new float[0][]);
        Distance<float[]> cosine = (a, b) -> 1 - Embedder.cosine(a, b);
        DBSCAN<float[]> model = DBSCAN.fit(data, cosine, minSightings, radius);
        int[] labels = new int[data.length];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = model.y[i] == PartitionClustering.OUTLIER ? -1 : model.y[i];
        }
        return labels;
    }

    /** Indices per cluster, largest first. */
    public static List<List<Integer>> groups(int[] labels) {
        int k = 0;
        for (int l : labels) {
            k = Math.max(k, l + 1);
        }
        List<List<Integer>> groups = new ArrayList<>();
        for (int c = 0; c < k; c++) {
            groups.add(new ArrayList<>());
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] >= 0) {
                groups.get(labels[i]).add(i);
            }
        }
        groups.sort((a, b) -> b.size() - a.size());
        return groups;
    }
}
