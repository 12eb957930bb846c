package org.rollcall.recognition.frames;

import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;
import org.rollcall.face.detect.Box;
import org.rollcall.face.detect.Pixels;
import org.rollcall.face.image.DecodedImage;
import org.rollcall.face.image.Jpeg;

/**
 * What the admin dashboard shows of recent faces, in memory only (never on Kafka, never on disk):
 * a small thumbnail per new or re-embedded track, and per unknown visitor the best crop seen, so
 * an admin can enroll a repeated visitor in one step. Bounded per organization; visitors are
 * forgotten after a day.
 */
public final class RecentFaces {
    static final int RECENT = 24;
    static final int VISITORS = 200;
    static final int THUMB = 96;
    static final int CROP = 256;
    static final Duration VISITOR_TTL = Duration.ofHours(24);

    /** One recognition with its thumbnail. */
    public record Seen(String cameraId, String personId, String unknownClusterId, double similarity, Instant at, byte[] thumbnail) {
    }

    /** An unknown visitor: how often seen, and the best face crop (enrollable). */
    public record Visitor(String clusterId, int sightings, Instant lastSeen, float quality, byte[] face) {
    }

    private final Map<String, Deque<Seen>> recent = new ConcurrentHashMap<>();
    private final Map<String, Map<String, Visitor>> visitors = new ConcurrentHashMap<>();

    void record(String orgId, String cameraId, String personId, String clusterId, double similarity, Instant at,
            DecodedImage image, Box box, float quality) {
        Box context = box.scaled(1.4f).clip(image.width(), image.height());
        byte[] thumb;
        byte[] face = null;
        try (Mat crop = Pixels.crop(image.bgr(), context)) {
            thumb = jpeg(crop, THUMB, 80);
            if (personId == null && clusterId != null) {
                face = jpeg(crop, CROP, 92);
            }
        }
        Deque<Seen> list = recent.computeIfAbsent(orgId, o -> new ArrayDeque<>());
        synchronized (list) {
            list.addFirst(new Seen(cameraId, personId, clusterId, similarity, at, thumb));
            while (list.size() > RECENT) {
                list.removeLast();
            }
        }
        if (face != null) {
            Map<String, Visitor> v = visitors.computeIfAbsent(orgId, o -> new HashMap<>());
            byte[] f = face;
            synchronized (v) {
                v.merge(clusterId, new Visitor(clusterId, 1, at, quality, f), (old, n) -> new Visitor(clusterId, old.sightings() + 1, at,
                        Math.max(old.quality(), n.quality()), n.quality() > old.quality() ? n.face() : old.face()));
                v.values().removeIf(x -> x.lastSeen().plus(VISITOR_TTL).isBefore(at));
                if (v.size() > VISITORS) {
                    v.values().stream().min(Comparator.comparing(Visitor::lastSeen)).ifPresent(x -> v.remove(x.clusterId()));
                }
            }
        }
    }

    public List<Seen> recent(String orgId) {
        Deque<Seen> list = recent.get(orgId);
        if (list == null) {
            return List.of();
        }
        synchronized (list) {
            return List.copyOf(list);
        }
    }

    /** Unknown visitors seen at least {@code min} times (embeddings), most seen first. */
    public List<Visitor> visitors(String orgId, int min) {
        Map<String, Visitor> v = visitors.get(orgId);
        if (v == null) {
            return List.of();
        }
        synchronized (v) {
            List<Visitor> out = new ArrayList<>(v.values());
            out.removeIf(x -> x.sightings() < min);
            out.sort(Comparator.comparingInt(Visitor::sightings).reversed());
            return out.size() > 10 ? out.subList(0, 10) : out;
        }
    }

    public Visitor visitor(String orgId, String clusterId) {
        Map<String, Visitor> v = visitors.get(orgId);
        if (v == null) {
            return null;
        }
        synchronized (v) {
            return v.get(clusterId);
        }
    }

    /** Forgets a visitor (enrolled now, or erased). */
    public void forget(String orgId, String clusterId) {
        Map<String, Visitor> v = visitors.get(orgId);
        if (v != null) {
            synchronized (v) {
                v.remove(clusterId);
            }
        }
    }

    /** Forgets every recent sighting of a person (erased). */
    public int forgetPerson(String orgId, String personId) {
        Deque<Seen> list = recent.get(orgId);
        if (list == null) {
            return 0;
        }
        synchronized (list) {
            int before = list.size();
            list.removeIf(s -> personId.equals(s.personId()));
            return before - list.size();
        }
    }

    /** Forgets everything of an organization (erased): recent faces and unknown visitors; returns how many. */
    public int forgetOrganization(String orgId) {
        int n = 0;
        Deque<Seen> list = recent.remove(orgId);
        if (list != null) {
            synchronized (list) {
                n += list.size();
            }
        }
        Map<String, Visitor> v = visitors.remove(orgId);
        if (v != null) {
            synchronized (v) {
                n += v.size();
            }
        }
        return n;
    }

    /** The crop scaled so its longest side is {@code side}, as JPEG. */
    private static byte[] jpeg(Mat crop, int side, int quality) {
        double f = (double) side / Math.max(crop.cols(), crop.rows());
        try (Mat small = new Mat()) {
            resize(crop, small, new Size(Math.max(1, (int) Math.round(crop.cols() * f)), Math.max(1, (int) Math.round(crop.rows() * f))),
                    0, 0, INTER_AREA);
            return Jpeg.encode(small, quality);
        }
    }
}
