package org.rollcall.recognition.frames;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.rollcall.events.FrameHeaders;

/** Frames-topic records: what makes a frame, and the reason tag of each refusal. */
class FrameParserTest {
    static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 0x10};

    private static Map<String, String> headers() {
        Map<String, String> h = new LinkedHashMap<>();
        h.put(FrameHeaders.CAMERA, "cam-1");
        h.put(FrameHeaders.ORG, "org-1");
        h.put(FrameHeaders.SITE, "site-1");
        h.put(FrameHeaders.FRAME_ID, "cam-1-42");
        h.put(FrameHeaders.CAPTURED_AT, "2026-12-01T08:00:00.125Z");
        h.put(FrameHeaders.SOURCE, "rtsp");
        return h;
    }

    private static ConsumerRecord<String, byte[]> record(String key, byte[] value, Map<String, String> headers) {
        RecordHeaders h = new RecordHeaders();
        headers.forEach((k, v) -> h.add(k, v == null ? null : v.getBytes(StandardCharsets.UTF_8)));
        return new ConsumerRecord<>("rollcall.frames.v1", 3, 77, 0L, org.apache.kafka.common.record.TimestampType.CREATE_TIME,
                0, 0, key, value, h, java.util.Optional.empty());
    }

    @Test
    void aCompleteRecordIsAFrame() {
        Frame f = FrameParser.parse(record("cam-1", JPEG, headers()));
        assertEquals("cam-1", f.cameraId());
        assertEquals("org-1", f.orgId());
        assertEquals("site-1", f.siteId());
        assertEquals("cam-1-42", f.frameId());
        assertEquals(Instant.parse("2026-12-01T08:00:00.125Z"), f.capturedAt());
        assertEquals("rtsp", f.source());
        assertArrayEquals(JPEG, f.jpeg());
    }

    @Test
    void aMissingSourceIsUnknownAndANullKeyIsAccepted() {
        Map<String, String> h = headers();
        h.remove(FrameHeaders.SOURCE);
        Frame f = FrameParser.parse(record(null, JPEG, h));
        assertEquals("unknown", f.source());
    }

    @Test
    void theLastHeaderOfANameCounts() {
        RecordHeaders h = new RecordHeaders();
        headers().forEach((k, v) -> h.add(k, v.getBytes(StandardCharsets.UTF_8)));
        h.add(FrameHeaders.ORG, "org-2".getBytes(StandardCharsets.UTF_8));
        var r = new ConsumerRecord<>("t", 0, 0, 0L, org.apache.kafka.common.record.TimestampType.CREATE_TIME, 0, 0, "cam-1", JPEG, h,
                java.util.Optional.<Integer>empty());
        assertEquals("org-2", FrameParser.parse(r).orgId());
    }

    @ParameterizedTest(name = "without {0}")
    @ValueSource(strings = {FrameHeaders.CAMERA, FrameHeaders.ORG, FrameHeaders.SITE, FrameHeaders.FRAME_ID, FrameHeaders.CAPTURED_AT})
    void everyIdentifyingHeaderIsRequired(String header) {
        Map<String, String> h = headers();
        h.remove(header);
        BadFrameException e = assertThrows(BadFrameException.class, () -> FrameParser.parse(record(null, JPEG, h)));
        assertEquals("headers", e.reason());
        assertEquals("missing header " + header, e.getMessage());
    }

    @ParameterizedTest(name = "{0} = [{1}]")
    @CsvSource({FrameHeaders.ORG + ", ''", FrameHeaders.SITE + ", '   '", FrameHeaders.CAMERA + ", ''"})
    void blankHeadersAreRefused(String header, String value) {
        Map<String, String> h = headers();
        h.put(header, value);
        assertEquals("headers", assertThrows(BadFrameException.class, () -> FrameParser.parse(record(null, JPEG, h))).reason());
    }

    @Test
    void overlongIdsAreRefused() {
        Map<String, String> h = headers();
        h.put(FrameHeaders.FRAME_ID, "f".repeat(FrameParser.MAX_ID_LENGTH + 1));
        assertEquals("headers", assertThrows(BadFrameException.class, () -> FrameParser.parse(record(null, JPEG, h))).reason());
        h.put(FrameHeaders.FRAME_ID, "f".repeat(FrameParser.MAX_ID_LENGTH));
        assertEquals(FrameParser.MAX_ID_LENGTH, FrameParser.parse(record(null, JPEG, h)).frameId().length());
    }

    @ParameterizedTest(name = "captured at [{0}]")
    @ValueSource(strings = {"yesterday", "2026-12-01", "2026-12-01T08:00:00", "1764576000"})
    void theCaptureTimeMustBeAnIsoInstant(String at) {
        Map<String, String> h = headers();
        h.put(FrameHeaders.CAPTURED_AT, at);
        BadFrameException e = assertThrows(BadFrameException.class, () -> FrameParser.parse(record(null, JPEG, h)));
        assertEquals("headers", e.reason());
    }

    @Test
    void theKeyMustNameTheSameCamera() {
        BadFrameException e = assertThrows(BadFrameException.class, () -> FrameParser.parse(record("cam-2", JPEG, headers())));
        assertEquals("headers", e.reason());
    }

    @Test
    void anEmptyOrMissingImageIsCorrupt() {
        assertEquals("corrupt", assertThrows(BadFrameException.class, () -> FrameParser.parse(record("cam-1", new byte[0], headers()))).reason());
        assertEquals("corrupt", assertThrows(BadFrameException.class, () -> FrameParser.parse(record("cam-1", null, headers()))).reason());
    }
}
