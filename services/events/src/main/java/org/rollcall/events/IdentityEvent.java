package org.rollcall.events;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/**
 * One decision about a face track, value of {@link Topics#IDENTITY_EVENTS}: published when a track
 * is first decided, when its decision changes (unknown, then named once the evidence is there),
 * and as a refresh while it stays in view (so attendance sees who is still there), never per
 * frame; every frame's faces go to {@link LiveFaces}. {@code personId} is null for an unknown face,
 * which then carries an {@code unknownClusterId} ("the same visitor, seen 7 times"). {@code eventId}
 * is deterministic (the deciding frame's id + face index) so redelivery de-duplicates downstream.
 */
public record IdentityEvent(
        int version,
        String eventId,
        String orgId,
        String siteId,
        String cameraId,
        String frameId,
        int faceIndex,
        Instant capturedAt,
        Instant decidedAt,
        String personId,
        double similarity,
        double margin,
        Double liveness,
        BoundingBox bbox,
        String modelId,
        String trackId,
        String unknownClusterId) {

    public static final int VERSION = 1;

    public IdentityEvent {
        Require.version(version, VERSION, "IdentityEvent");
        Require.text(eventId, "eventId");
        Require.text(orgId, "orgId");
        Require.text(siteId, "siteId");
        Require.text(cameraId, "cameraId");
        Require.text(frameId, "frameId");
        if (faceIndex < 0) {
            throw new MalformedEventException("faceIndex must not be negative");
        }
        Require.present(capturedAt, "capturedAt");
        Require.present(decidedAt, "decidedAt");
        if (personId != null) {
            Require.text(personId, "personId");
        }
        Require.range(similarity, -1, 1, "similarity");
        Require.range(margin, -2, 2, "margin");
        if (liveness != null) {
            Require.range(liveness, 0, 1, "liveness");
        }
        Require.present(bbox, "bbox");
        Require.text(modelId, "modelId");
    }

    public boolean known() {
        return personId != null;
    }

    public String key() {
        return Keys.person(orgId, personId);
    }

    /** The same frame and face always give the same id, whichever replica processes it. */
    public static String eventId(String frameId, int faceIndex) {
        return UUID.nameUUIDFromBytes((frameId + "#" + faceIndex).getBytes(StandardCharsets.UTF_8)).toString();
    }
}
