package org.rollcall.events;

import java.time.Instant;

/**
 * The state of one camera as the ingest instance that runs it sees it, value of
 * {@link Topics#CAMERA_STATUS} under the camera id; a tombstone when the camera is removed. Any
 * number of ingest instances publish here, so the portal shows every camera's truth.
 *
 * @param state e.g. CONNECTING, STREAMING, RETRYING, FAILED, STOPPED
 * @param detail the last problem, without credentials; null when none
 * @param instance which ingest instance runs it
 */
public record CameraStatus(int version, String cameraId, String orgId, String siteId, String state, String detail,
                           long framesPublished, Instant at, String instance) {

    public static final int VERSION = 1;

    public CameraStatus {
        Require.version(version, VERSION, "CameraStatus");
        Require.text(cameraId, "cameraId");
        Require.text(orgId, "orgId");
        Require.text(siteId, "siteId");
        Require.text(state, "state");
        Require.present(at, "at");
        Require.text(instance, "instance");
    }
}
