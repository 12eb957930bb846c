package org.rollcall.recognition.camera;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.rollcall.events.CameraDefinition;
import org.rollcall.events.EventCodec;

/**
 * The camera registry from rollcall.cameras.v1: a frame is trusted only if its camera is
 * registered, enabled, and belongs to the organization and site its headers claim.
 */
public final class Cameras {
    private final Map<String, CameraDefinition> byId = new ConcurrentHashMap<>();
    private final EventCodec codec = new EventCodec();

    public void apply(String cameraId, byte[] value) {
        if (cameraId == null) {
            return;
        }
        if (value == null) {
            byId.remove(cameraId);
        } else {
            CameraDefinition c = codec.decode(value, CameraDefinition.class);
            byId.put(c.cameraId(), c);
        }
    }

    /** Why a frame from this camera is refused, or null when it is accepted. */
    public String refusal(String cameraId, String orgId, String siteId) {
        CameraDefinition c = byId.get(cameraId);
        if (c == null) {
            return "unknown_camera";
        }
        if (!c.orgId().equals(orgId) || !c.siteId().equals(siteId)) {
            return "organization_mismatch";
        }
        return c.enabled() ? null : "camera_disabled";
    }

    public int size() {
        return byId.size();
    }
}
