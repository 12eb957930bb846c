package org.rollcall.events;

import java.time.Instant;
import java.util.List;

/**
 * Every analysed frame's faces as recognition sees them at that moment, value of
 * {@link Topics#LIVE_FACES}: what the live page draws. Nothing stores it (short retention, no
 * consumer group); attendance reads the decisions in {@link IdentityEvent} instead.
 */
public record LiveFaces(int version, String orgId, String siteId, String cameraId, String frameId, Instant capturedAt,
                        List<Face> faces) {

    public static final int VERSION = 1;

    /** One face: its track, the track's current decision (null person = unknown) and its box in the frame. */
    public record Face(String trackId, String personId, double similarity, Double liveness, BoundingBox bbox,
                       String unknownClusterId) {
        public Face {
            Require.text(trackId, "trackId");
            if (personId != null) {
                Require.text(personId, "personId");
            }
            Require.range(similarity, -1, 1, "similarity");
            if (liveness != null) {
                Require.range(liveness, 0, 1, "liveness");
            }
            Require.present(bbox, "bbox");
        }
    }

    public LiveFaces {
        Require.version(version, VERSION, "LiveFaces");
        Require.text(orgId, "orgId");
        Require.text(siteId, "siteId");
        Require.text(cameraId, "cameraId");
        Require.text(frameId, "frameId");
        Require.present(capturedAt, "capturedAt");
        Require.present(faces, "faces");
        faces = List.copyOf(faces);
    }
}
