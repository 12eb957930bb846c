package org.rollcall.recognition.frames;

import java.time.Instant;

/** A camera frame as recognition receives it: JPEG bytes and the rc-* headers. */
public record Frame(String cameraId, String orgId, String siteId, String frameId, Instant capturedAt, String source,
        byte[] jpeg) {
}
