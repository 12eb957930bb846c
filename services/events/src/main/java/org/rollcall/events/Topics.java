package org.rollcall.events;

/** Kafka topic names of design.md. The {@code .v1} suffix changes only with an incompatible schema. */
public final class Topics {
    /** JPEG frames, key = camera id, metadata in {@link FrameHeaders}. Short retention. */
    public static final String FRAMES = "rollcall.frames.v1";
    /** Compacted: key orgId/personId/templateId, value {@link FaceTemplate}, tombstone = erased. */
    public static final String FACE_TEMPLATES = "rollcall.face-templates.v1";
    /** Key orgId/personId (orgId/unknown), value {@link IdentityEvent}: one per track decision (and change, and refresh). */
    public static final String IDENTITY_EVENTS = "rollcall.identity-events.v1";
    /** Key orgId/personId, value {@link AttendanceEvent}: the integration contract. */
    public static final String ATTENDANCE = "rollcall.attendance.v1";
    /** Compacted: key camera id, value {@link CameraDefinition}, tombstone = removed. */
    public static final String CAMERAS = "rollcall.cameras.v1";
    /** Key camera id, value {@link LiveFaces}: every analysed frame's faces for the live page. Minutes of retention, never stored. */
    public static final String LIVE_FACES = "rollcall.live-faces.v1";

    private Topics() {
    }
}
