package org.rollcall.recognition.frames;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.rollcall.events.BoundingBox;
import org.rollcall.events.IdentityEvent;
import org.rollcall.face.Face;
import org.rollcall.face.FaceEngine;
import org.rollcall.face.detect.Box;
import org.rollcall.face.detect.Detection;
import org.rollcall.face.gallery.Match;
import org.rollcall.face.image.DecodedImage;
import org.rollcall.face.track.TrackedFace;
import org.rollcall.recognition.gallery.Matcher;

/**
 * One frame of one camera into identity events: detect every face (cheap), continue the camera's
 * tracks, embed only the faces whose track needs it (new, clearly better, or due), and decide
 * each face on its track's quality-weighted evidence. One event per face, with an id derived from
 * the frame id and face index so a re-processed frame repeats its ids.
 */
public final class FrameAnalyzer {
    private static final FaceEngine.Options LANDMARKS_ONLY = new FaceEngine.Options(false, false);

    private final FaceEngine engine;
    private final Matcher matcher;
    private final UnknownVisitors unknowns = new UnknownVisitors();
    private final PipelineMetrics metrics;
    private final RecentFaces recent;

    public FrameAnalyzer(FaceEngine engine, Matcher matcher, PipelineMetrics metrics, RecentFaces recent) {
        this.engine = engine;
        this.matcher = matcher;
        this.metrics = metrics;
        this.recent = recent;
    }

    List<IdentityEvent> analyze(Frame frame, CameraState camera) {
        long t0 = System.nanoTime();
        try (DecodedImage image = engine.decode(frame.jpeg())) {
            long t1 = System.nanoTime();
            metrics.stage("decode", t1 - t0);
            List<Detection> detections = engine.detect(image);
            long t2 = System.nanoTime();
            metrics.stage("detect", t2 - t1);
            metrics.faces(detections.size());
            long time = frame.capturedAt().toEpochMilli();
            List<Face> faces = new ArrayList<>(detections.size());
            List<Box> boxes = new ArrayList<>(detections.size());
            float[] qualities = new float[detections.size()];
            for (int i = 0; i < detections.size(); i++) {
                Face f = engine.describe(image, detections.get(i), i, LANDMARKS_ONLY).face();
                faces.add(f);
                boxes.add(f.detection().box());
                qualities[i] = f.quality().overall();
            }
            long t3 = System.nanoTime();
            metrics.stage("landmarks", t3 - t2);
            List<TrackedFace> tracked = camera.tracker.assign(time, boxes, qualities);
            // the faces whose tracks need evidence are embedded together (one batch when batching is on)
            List<TrackedFace> due = tracked.stream().filter(TrackedFace::embedNow).toList();
            if (!due.isEmpty()) {
                long e0 = System.nanoTime();
                List<float[]> embeddings = engine.embed(image, due.stream().map(tf -> faces.get(tf.detectionIndex())).toList());
                metrics.stage("embed", (System.nanoTime() - e0) / due.size());
                for (int k = 0; k < due.size(); k++) {
                    TrackedFace tf = due.get(k);
                    Face face = faces.get(tf.detectionIndex());
                    long l0 = System.nanoTime();
                    camera.evidence(tf.trackId()).addLiveness(engine.liveness(image, face.detection()));
                    metrics.stage("liveness", System.nanoTime() - l0);
                    camera.tracker.addEmbedding(tf.trackId(), embeddings.get(k), face.quality().overall(), time);
                    metrics.embedded();
                }
            }
            List<IdentityEvent> events = new ArrayList<>(tracked.size());
            for (TrackedFace tf : tracked) {
                Face face = faces.get(tf.detectionIndex());
                CameraState.Evidence evidence = camera.evidence(tf.trackId());
                float[] identity = camera.tracker.identityEmbedding(tf.trackId());
                Match m = matcher.match(frame.orgId(), identity);
                String cluster = null;
                if (!m.known()) {
                    if (evidence.unknownCluster == null || tf.embedNow()) {
                        evidence.unknownCluster = unknowns.assign(frame.orgId(), identity);
                    }
                    cluster = evidence.unknownCluster;
                }
                metrics.identity(m.known());
                Box b = face.detection().box();
                if (tf.embedNow()) {
                    // new evidence: the dashboard's memory-only thumbnail (and an unknown visitor's best crop)
                    recent.record(frame.orgId(), frame.cameraId(), m.personId(), cluster, m.similarity(), frame.capturedAt(), image,
                            b, face.quality().overall());
                }
                events.add(new IdentityEvent(IdentityEvent.VERSION, IdentityEvent.eventId(frame.frameId(), tf.detectionIndex()),
                        frame.orgId(), frame.siteId(), frame.cameraId(), frame.frameId(), tf.detectionIndex(),
                        frame.capturedAt(), Instant.now(), m.personId(), clamp(m.similarity(), -1, 1), clamp(m.margin(), -2, 2),
                        evidence.liveness(), new BoundingBox(Math.round(b.x1()), Math.round(b.y1()), Math.round(b.width()),
                                Math.round(b.height())), engine.modelId(), tf.trackId(), cluster));
            }
            return events;
        }
    }

    private static double clamp(double v, double lo, double hi) {
        return Math.max(lo, Math.min(hi, v));
    }
}
