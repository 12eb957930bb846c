package org.rollcall.recognition.frames;

import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;
import org.rollcall.events.RecentFace;
import org.rollcall.face.image.DecodedImage;
import org.rollcall.face.detect.Box;
import org.rollcall.face.image.Jpeg;
import org.rollcall.face.detect.Pixels;

/**
 * Turns new evidence into the dashboard's {@link RecentFace} records: a small thumbnail per new or
 * re-embedded track and, for an unknown visitor, the crop whenever it is the best seen so far
 * (what "enroll as" enrolls). Recognition publishes them; identity shows them, so they are true
 * with any number of recognition instances. Only the visitors' best quality and count are kept
 * here (bounded per organization, forgotten after the unknown-face retention), never a picture.
 * With no retention there are no visitors, so an unknown face gives nothing here.
 */
public final class RecentFaces {
    static final int VISITORS = 200;
    static final int THUMB = 96;
    static final int CROP = 256;
    /** How long a visitor's best quality and count are remembered (the unknown-face retention). */
    private final Duration visitorTtl;

    private record Best(float quality, int sightings, Instant lastSeen) {
    }

    private final Map<String, Map<String, Best>> visitors = new ConcurrentHashMap<>();

    public RecentFaces(Duration visitorTtl) {
        this.visitorTtl = visitorTtl;
    }

    /** The face to publish, or null for a face that is neither named nor a visitor; {@code similarity} in [-1, 1]. */
    RecentFace record(String orgId, String cameraId, String personId, String clusterId, double similarity, Instant at,
            DecodedImage image, Box box, float quality) {
        if (personId == null && clusterId == null) {
            return null;
        }
        Box context = box.scaled(1.4f).clip(image.width(), image.height());
        try (Mat crop = Pixels.crop(image.bgr(), context)) {
            byte[] thumb = jpeg(crop, THUMB, 80);
            if (personId != null) {
                return new RecentFace(RecentFace.VERSION, orgId, cameraId, personId, null, similarity, at, thumb, null, quality, 1);
            }
            Map<String, Best> v = visitors.computeIfAbsent(orgId, o -> new HashMap<>());
            Best before;
            Best now;
            synchronized (v) {
                before = v.get(clusterId);
                now = before == null ? new Best(quality, 1, at)
                        : new Best(Math.max(before.quality(), quality), before.sightings() + 1, at);
                v.put(clusterId, now);
                v.values().removeIf(x -> x.lastSeen().plus(visitorTtl).isBefore(at));
                while (v.size() > VISITORS) {
                    v.entrySet().stream().min(Comparator.comparing(e -> e.getValue().lastSeen())).ifPresent(e -> v.remove(e.getKey()));
                }
            }
            byte[] best = before == null || quality > before.quality() ? jpeg(crop, CROP, 92) : null;
            return new RecentFace(RecentFace.VERSION, orgId, cameraId, null, clusterId, similarity, at, thumb, best, quality, now.sightings());
        }
    }

    /** Forgets an organization's visitors (erased); returns how many. */
    public int forgetOrganization(String orgId) {
        Map<String, Best> v = visitors.remove(orgId);
        return v == null ? 0 : v.size();
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
