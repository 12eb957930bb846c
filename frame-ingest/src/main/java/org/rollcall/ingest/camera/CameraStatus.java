package org.rollcall.ingest.camera;

import java.time.Instant;

/** A camera's health as the status API shows it (never its URL: it may hold credentials). */
public record CameraStatus(String cameraId, String orgId, String siteId, String name, String kind, CameraState state,
        String lastError, Instant lastFrameAt, long reconnects, long published, long dropped) {
}
