package org.rollcall.events.view;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.rollcall.events.CameraStatus;
import org.rollcall.events.EventCodec;

/**
 * Every camera's last reported state, folded from the compacted rollcall.camera-status.v1 that
 * all ingest instances publish to: true whichever instance runs a camera. Thread-safe.
 */
public final class CameraStatesView {
    private final EventCodec codec = new EventCodec();
    private final Map<String, CameraStatus> byCamera = new ConcurrentHashMap<>();

    /** One record of the topic: a state, or a tombstone (camera removed). */
    public void apply(String cameraId, byte[] value) {
        if (value == null) {
            byCamera.remove(cameraId);
            return;
        }
        CameraStatus s = codec.decode(value, CameraStatus.class);
        if (!s.cameraId().equals(cameraId)) {
            throw new IllegalArgumentException("record key " + cameraId + " does not match camera " + s.cameraId());
        }
        // an older report arriving late (another instance's, before a hand-over) does not win
        byCamera.merge(cameraId, s, (old, now) -> now.at().isBefore(old.at()) ? old : now);
    }

    public CameraStatus camera(String cameraId) {
        return byCamera.get(cameraId);
    }
}
