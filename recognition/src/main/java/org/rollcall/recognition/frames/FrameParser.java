package org.rollcall.recognition.frames;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.record.TimestampType;
import org.rollcall.events.FrameHeaders;

/** Reads a frames-topic record; missing or malformed headers are a {@link BadFrameException}. */
public final class FrameParser {
    static final int MAX_ID_LENGTH = 200;

    private FrameParser() {
    }

    public static Frame parse(ConsumerRecord<String, byte[]> r) {
        String camera = header(r, FrameHeaders.CAMERA);
        String org = header(r, FrameHeaders.ORG);
        String site = header(r, FrameHeaders.SITE);
        String frameId = header(r, FrameHeaders.FRAME_ID);
        String at = header(r, FrameHeaders.CAPTURED_AT);
        Header source = r.headers().lastHeader(FrameHeaders.SOURCE);
        if (r.key() != null && !r.key().equals(camera)) {
            throw new BadFrameException("headers", "record key and rc-camera differ");
        }
        if (r.value() == null || r.value().length == 0) {
            throw new BadFrameException("corrupt", "empty frame");
        }
        Instant capturedAt;
        try {
            capturedAt = Instant.parse(at);
        } catch (DateTimeParseException e) {
            throw new BadFrameException("headers", "rc-captured-at is not an ISO-8601 instant");
        }
        Header ingest = r.headers().lastHeader(FrameHeaders.INGEST);
        String ingestHost = ingest == null || ingest.value() == null || ingest.value().length == 0 || ingest.value().length > MAX_ID_LENGTH
                ? "unknown" : new String(ingest.value(), StandardCharsets.UTF_8);
        Instant brokerTime = r.timestampType() == TimestampType.LOG_APPEND_TIME ? Instant.ofEpochMilli(r.timestamp()) : null;
        return new Frame(camera, org, site, frameId, capturedAt,
                source == null ? "unknown" : new String(source.value(), StandardCharsets.UTF_8), r.value(), ingestHost, brokerTime);
    }

    private static String header(ConsumerRecord<String, byte[]> r, String name) {
        Header h = r.headers().lastHeader(name);
        if (h == null || h.value() == null || h.value().length == 0) {
            throw new BadFrameException("headers", "missing header " + name);
        }
        String v = new String(h.value(), StandardCharsets.UTF_8);
        if (v.length() > MAX_ID_LENGTH || v.isBlank()) {
            throw new BadFrameException("headers", "header " + name + " is blank or too long");
        }
        return v;
    }
}
