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

    /** Compacted: key camera id, value {@link CameraStatus}, published by the ingest replica that runs the camera. */
    public static final String CAMERA_STATUS = "rollcall.camera-status.v1";
    /** Compacted: key orgId/personId (orgId alone: the whole organization), value {@link Erasure}. */
    public static final String ERASURES = "rollcall.erasures.v1";
    /** Compacted: key erasureId/service, value {@link ErasureConfirmation}: what a service removed. */
    public static final String ERASURE_CONFIRMATIONS = "rollcall.erasure-confirmations.v1";
    /**
     * Compacted, a day: key jti/tokenId or sub/subject, value {@link Revocation}: tokens every service
     * refuses before they expire (signed out, user disabled or erased, API key revoked).
     */
    public static final String REVOCATIONS = "rollcall.revocations.v1";
    /** Key orgId/person|visitor/id, value {@link RecentFace}: the dashboard's recent faces and unknown visitors. Compacted, a day. */
    public static final String RECENT_FACES = "rollcall.recent-faces.v1";
    /** Identity events attendance could not apply (poison messages), kept for an operator to look at and replay. */
    public static final String IDENTITY_EVENTS_DEAD_LETTERS = "rollcall.identity-events.dead-letters.v1";
    /** Every organization's own copy of its attendance events, for its integrators: {@link #organizationAttendance}. */
    public static final String ORGANIZATION_PREFIX = "rollcall.org.";

    /**
     * One organization's attendance events (same records as {@link #ATTENDANCE}): an integrator's
     * Kafka user reads this topic and no other, so Kafka itself keeps organizations apart.
     */
    public static String organizationAttendance(String orgId) {
        if (!isUsableOrgId(orgId)) {
            throw new IllegalArgumentException("orgId is not usable in a topic name: " + orgId);
        }
        return ORGANIZATION_PREFIX + orgId + ".attendance.v1";
    }

    /** Usable in a topic name: no dots (they would blur the prefix ACLs), nothing Kafka refuses. */
    public static boolean isUsableOrgId(String orgId) {
        return orgId != null && orgId.matches("[A-Za-z0-9_-]{1,100}");
    }

    private Topics() {
    }
}
