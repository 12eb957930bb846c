package org.rollcall.recognition.frames;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.rollcall.events.BoundingBox;
import org.rollcall.events.IdentityEvent;
import org.rollcall.events.LiveFaces;
import org.rollcall.events.RecentFace;
import org.rollcall.face.Face;
import org.rollcall.face.FaceEngine;
import org.rollcall.face.detect.Box;
import org.rollcall.face.detect.Detection;
import org.rollcall.face.gallery.Match;
import org.rollcall.face.image.DecodedImage;
import org.rollcall.face.track.TrackDecisions;
import org.rollcall.face.track.TrackedFace;
import org.rollcall.recognition.gallery.Matcher;

/**
 * One frame of one camera: detect every face (cheap), continue the camera's tracks, embed only
 * the faces whose track needs it (new, clearly better, or due), and decide each track on its
 * quality-weighted evidence ({@link TrackDecisions}). Out come every face of the frame for the live
 * page, and an identity event only where a track's decision is new, changed or due for a refresh;
 * an event's id derives from the frame id and face index, so a re-processed frame repeats its ids.
 */
public final class FrameAnalyzer {
    private static final FaceEngine.Options LANDMARKS_ONLY = new FaceEngine.Options(false, false);

    /** What a frame produced: the decisions to publish and every face for the live page. */
    record Analysis(List<IdentityEvent> decisions, LiveFaces live, List<RecentFace> recentFaces) {
    }

    private final FaceEngine engine;
    private final Matcher matcher;
    private final UnknownVisitors unknowns;
    private final PipelineMetrics metrics;
    private final RecentFaces recent;

    /** @param unknownFaceRetention how long unknown faces' visitor ids are kept; zero: none are given */
    public FrameAnalyzer(FaceEngine engine, Matcher matcher, PipelineMetrics metrics, RecentFaces recent, java.time.Duration unknownFaceRetention) {
        this.unknowns = new UnknownVisitors(unknownFaceRetention);
        this.engine = engine;
        this.matcher = matcher;
        this.metrics = metrics;
        this.recent = recent;
    }

    Analysis analyze(Frame frame, CameraState camera) {
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
            embedDue(frame, camera, image, faces, tracked, time);
            List<IdentityEvent> decisions = new ArrayList<>();
            List<LiveFaces.Face> live = new ArrayList<>(tracked.size());
            List<RecentFace> recentFaces = new ArrayList<>();
            for (TrackedFace tf : tracked) {
                Face face = faces.get(tf.detectionIndex());
                CameraState.Evidence evidence = camera.evidence(tf.trackId());
                Match m = matcher.match(frame.orgId(), camera.tracker.identityEmbedding(tf.trackId()));
                String person = camera.decisions.decide(tf.trackId(), m.personId());
                String cluster = null;
                if (person == null) {
                    if (unknowns.enabled() && (evidence.unknownCluster == null || tf.embedNow())) {
                        evidence.unknownCluster = unknowns.assign(frame.orgId(), camera.tracker.identityEmbedding(tf.trackId()), time);
                    }
                    cluster = evidence.unknownCluster;
                }
                metrics.identity(person != null);
                Box b = face.detection().box();
                BoundingBox box = new BoundingBox(Math.round(b.x1()), Math.round(b.y1()), Math.round(b.width()), Math.round(b.height()));
                double similarity = clamp(m.similarity(), -1, 1);
                if (tf.embedNow()) {
                    // new evidence: the dashboard's thumbnail (and an unknown visitor's best crop), published for identity
                    RecentFace r = recent.record(frame.orgId(), frame.cameraId(), person, cluster, similarity, frame.capturedAt(), image, b,
                            face.quality().overall());
                    if (r != null) {
                        recentFaces.add(r);
                    }
                }
                live.add(new LiveFaces.Face(tf.trackId(), person, similarity, evidence.liveness(), box, cluster));
                if (camera.decisions.publish(tf.trackId(), person, time, evidence.liveness()) != null) {
                    decisions.add(new IdentityEvent(IdentityEvent.VERSION, IdentityEvent.eventId(frame.frameId(), tf.detectionIndex()),
                            frame.orgId(), frame.siteId(), frame.cameraId(), frame.frameId(), tf.detectionIndex(),
                            frame.capturedAt(), Instant.now(), person, similarity, clamp(m.margin(), -2, 2),
                            evidence.liveness(), box, engine.modelId(), tf.trackId(), cluster));
                }
            }
            metrics.decisions(decisions.size());
            return new Analysis(decisions, new LiveFaces(LiveFaces.VERSION, frame.orgId(), frame.siteId(), frame.cameraId(),
                    frame.frameId(), frame.capturedAt(), live), recentFaces);
        }
    }

    /** Embeds the faces whose tracks need evidence, together (one batch when batching is on), and records each one's vote. */
    private void embedDue(Frame frame, CameraState camera, DecodedImage image, List<Face> faces, List<TrackedFace> tracked, long time) {
        List<TrackedFace> due = tracked.stream().filter(TrackedFace::embedNow).toList();
        if (due.isEmpty()) {
            return;
        }
        long e0 = System.nanoTime();
        List<float[]> embeddings = engine.embed(image, due.stream().map(tf -> faces.get(tf.detectionIndex())).toList());
        metrics.stage("embed", (System.nanoTime() - e0) / due.size());
        for (int k = 0; k < due.size(); k++) {
            TrackedFace tf = due.get(k);
            Face face = faces.get(tf.detectionIndex());
            long l0 = System.nanoTime();
            camera.evidence(tf.trackId()).addLiveness(engine.liveness(image, face.detection()));
            metrics.stage("liveness", System.nanoTime() - l0);
            float quality = face.quality().overall();
            camera.tracker.addEmbedding(tf.trackId(), embeddings.get(k), quality, time);
            // each embedding's own answer: a track is named only when most of its evidence agrees
            camera.decisions.vote(tf.trackId(), matcher.match(frame.orgId(), embeddings.get(k)).personId(), quality);
            metrics.embedded();
        }
    }

    private static double clamp(double v, double lo, double hi) {
        return Math.max(lo, Math.min(hi, v));
    }
}
