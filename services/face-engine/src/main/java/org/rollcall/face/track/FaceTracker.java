package org.rollcall.face.track;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rollcall.face.detect.Box;
import org.rollcall.face.embed.Embedder;

/**
 * Per-camera IoU tracker. Embedding is ~90 % of the pipeline's cost, so a face that stays in
 * view is embedded once per track, again only when its quality clearly improves or after an
 * interval, and its identity is decided on the quality-weighted mean of its embeddings (several
 * frames agree before a name is given). One instance per camera; not thread-safe (a camera's
 * frames are processed in order).
 */
public final class FaceTracker {
    private final String cameraId;
    private final TrackerConfig config;
    private final Map<String, Track> tracks = new LinkedHashMap<>();
    private long nextId;
    private long embeddings;
    private long detections;

    public FaceTracker(String cameraId, TrackerConfig config) {
        this.cameraId = cameraId;
        this.config = config;
    }

    /** Assigns this frame's detections to tracks (greedy by IoU) and says which need an embedding. */
    public List<TrackedFace> assign(long timeMillis, List<Box> boxes, float[] qualities) {
        expire(timeMillis);
        detections += boxes.size();
        List<TrackedFace> out = new ArrayList<>(boxes.size());
        boolean[] taken = new boolean[boxes.size()];
        List<Track> free = new ArrayList<>(tracks.values());
        // best (track, detection) pairs first
        while (true) {
            float bestIou = config.minIou();
            Track bestTrack = null;
            int bestDet = -1;
            for (Track t : free) {
                for (int d = 0; d < boxes.size(); d++) {
                    if (!taken[d]) {
                        float iou = t.box.iou(boxes.get(d));
                        if (iou >= bestIou) {
                            bestIou = iou;
                            bestTrack = t;
                            bestDet = d;
                        }
                    }
                }
            }
            if (bestTrack == null) {
                break;
            }
            taken[bestDet] = true;
            free.remove(bestTrack);
            bestTrack.box = boxes.get(bestDet);
            bestTrack.lastSeen = timeMillis;
            out.add(new TrackedFace(bestTrack.id, bestDet, needsEmbedding(bestTrack, qualities[bestDet], timeMillis), false));
        }
        for (int d = 0; d < boxes.size(); d++) {
            if (!taken[d]) {
                Track t = new Track(cameraId + "-t" + (++nextId), boxes.get(d), timeMillis);
                tracks.put(t.id, t);
                out.add(new TrackedFace(t.id, d, true, true));
            }
        }
        out.sort((a, b) -> Integer.compare(a.detectionIndex(), b.detectionIndex()));
        return out;
    }

    private boolean needsEmbedding(Track t, float quality, long now) {
        return t.count == 0
                || quality > t.bestQuality + config.qualityGain()
                || now - t.lastEmbedded >= config.reembedMillis();
    }

    /** Adds an embedding to a track's evidence, weighted by its quality. */
    public void addEmbedding(String trackId, float[] embedding, float quality, long timeMillis) {
        Track t = tracks.get(trackId);
        if (t == null) {
            return;
        }
        if (t.sum == null) {
            t.sum = new float[embedding.length];
        }
        float w = Math.max(0.05f, quality);
        for (int i = 0; i < embedding.length; i++) {
            t.sum[i] += w * embedding[i];
        }
        t.count++;
        t.bestQuality = Math.max(t.bestQuality, quality);
        t.lastEmbedded = timeMillis;
        embeddings++;
    }

    /** The quality-weighted mean embedding of a track (L2-normalised), or null before its first embedding. */
    public float[] identityEmbedding(String trackId) {
        Track t = tracks.get(trackId);
        if (t == null || t.sum == null) {
            return null;
        }
        float[] v = t.sum.clone();
        Embedder.normalize(v);
        return v;
    }

    /** Embeddings this track has contributed. */
    public int embeddingCount(String trackId) {
        Track t = tracks.get(trackId);
        return t == null ? 0 : t.count;
    }

    public int activeTracks() {
        return tracks.size();
    }

    /** Embeddings computed per detection seen: what the tracker saves (1.0 = no saving). */
    public double reembedRatio() {
        return detections == 0 ? 0 : (double) embeddings / detections;
    }

    public long embeddings() {
        return embeddings;
    }

    private void expire(long now) {
        for (Iterator<Track> it = tracks.values().iterator(); it.hasNext(); ) {
            if (now - it.next().lastSeen > config.maxAgeMillis()) {
                it.remove();
            }
        }
    }

    private static final class Track {
        final String id;
        Box box;
        long lastSeen;
        long lastEmbedded = Long.MIN_VALUE / 2;
        float bestQuality = -1;
        float[] sum;
        int count;

        Track(String id, Box box, long now) {
            this.id = id;
            this.box = box;
            this.lastSeen = now;
        }
    }
}
