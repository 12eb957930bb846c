package org.rollcall.recognition.frames;

import java.time.Instant;

/**
 * A camera frame as recognition receives it: JPEG bytes and the rc-* headers.
 *
 * @param ingestHost the frame-ingest instance that grabbed it ("unknown" when the header is missing)
 * @param brokerTime when the broker stored it (the topic's log-append time), null when the topic stamps create times
 */
public record Frame(String cameraId, String orgId, String siteId, String frameId, Instant capturedAt, String source,
        byte[] jpeg, String ingestHost, Instant brokerTime) {
}
