package org.rollcall.events;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EventCodecTest {
    private final EventCodec codec = new EventCodec();
    private static final Instant T = Instant.parse("2026-11-25T08:59:30.125Z");

    static IdentityEvent identity(String personId) {
        return new IdentityEvent(1, IdentityEvent.eventId("f-1", 0), "org-1", "site-1", "cam-1", "f-1", 0, T,
                T.plusMillis(80), personId, 0.61, 0.2, 0.97, new BoundingBox(10, 20, 96, 96), "fr_feature@sha256:87aa",
                "trk-3", personId == null ? "u-4" : null);
    }

    @Test
    void identityEventRoundTrips() {
        IdentityEvent known = identity("p-7");
        assertEquals(known, codec.decode(codec.encode(known), IdentityEvent.class));
        IdentityEvent unknown = identity(null);
        IdentityEvent back = codec.decode(codec.encode(unknown), IdentityEvent.class);
        assertEquals(unknown, back);
        assertFalse(back.known());
        assertEquals("org-1/unknown", back.key());
    }

    @Test
    void liveFacesRoundTripWithUnknownAndNamedFaces() {
        LiveFaces live = new LiveFaces(1, "org-1", "site-1", "cam-1", "f-9", T, java.util.List.of(
                new LiveFaces.Face("cam-1-t1", "p-7", 0.71, 0.98, new BoundingBox(10, 20, 96, 96), null),
                new LiveFaces.Face("cam-1-t2", null, 0.12, null, new BoundingBox(200, 20, 80, 80), "u-4")));
        assertEquals(live, codec.decode(codec.encode(live), LiveFaces.class));
        assertThrows(MalformedEventException.class, () -> codec.decode(
                "{\"version\":1,\"orgId\":\"org-1\",\"siteId\":\"s\",\"cameraId\":\"c\",\"frameId\":\"f\",\"capturedAt\":\"2026-01-01T00:00:00Z\"}"
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8), LiveFaces.class), "faces are required");
    }

    @Test
    void erasuresConfirmationsAndCameraStatesRoundTrip() {
        Erasure person = new Erasure(1, "er-1", "org-1", "p-7", true, T);
        assertEquals(person, codec.decode(codec.encode(person), Erasure.class));
        assertFalse(person.wholeOrganization());
        Erasure org = new Erasure(1, "er-2", "org-1", null, false, T);
        assertTrue(codec.decode(codec.encode(org), Erasure.class).wholeOrganization());
        ErasureConfirmation done = new ErasureConfirmation(1, "er-1", "org-1", "recognition", java.util.Map.of("templates", 3L), T);
        assertEquals(done, codec.decode(codec.encode(done), ErasureConfirmation.class));
        assertEquals("er-1/recognition", done.key());
        CameraStatus state = new CameraStatus(1, "cam-1", "org-1", "site-1", "STREAMING", null, 42, T, "ingest-0");
        assertEquals(state, codec.decode(codec.encode(state), CameraStatus.class));
        assertThrows(MalformedEventException.class, () -> codec.decode(
                "{\"version\":1,\"erasureId\":\"er-1\",\"orgId\":\"org-1\",\"service\":\"attendance\",\"completedAt\":\"2026-01-01T00:00:00Z\"}"
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8), ErasureConfirmation.class), "what was removed is required");
        assertThrows(MalformedEventException.class, () -> codec.decode(
                "{\"version\":1,\"erasureId\":\"er-1\",\"personId\":\"p\",\"attendance\":false,\"requestedAt\":\"2026-01-01T00:00:00Z\"}"
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8), Erasure.class), "the organization is required");
    }

    @Test
    void organizationTopicsNameExactlyOneOrganization() {
        assertEquals("rollcall.org.o-abc_1.attendance.v1", Topics.organizationAttendance("o-abc_1"));
        for (String bad : new String[] {"o.a", "o/a", "", " ", "o a"}) {
            assertThrows(IllegalArgumentException.class, () -> Topics.organizationAttendance(bad), bad);
        }
        assertThrows(IllegalArgumentException.class, () -> Topics.organizationAttendance(null));
    }

    @Test
    void templateRoundTripsBitExact() {
        float[] emb = new float[512];
        for (int i = 0; i < emb.length; i++) {
            emb[i] = (float) Math.sin(i * 0.37) / 11.3f;
        }
        FaceTemplate t = new FaceTemplate(1, "org-1", "p-7", "t-1", "fr_feature", emb, 0.83, T);
        byte[] json = codec.encode(t);
        FaceTemplate back = codec.decode(json, FaceTemplate.class);
        assertEquals(t, back);
        assertArrayEquals(emb, back.embedding());
        assertEquals("org-1/p-7/t-1", back.key());
        // base64 float32 keeps a 512-d template compact
        assertTrue(json.length < 3500, "template JSON is " + json.length + " bytes");
        assertFalse(t.toString().contains("0."), "toString must not print the embedding");
    }

    @Test
    void attendanceEventRoundTrips() {
        AttendanceEvent e = new AttendanceEvent(1, "a-1", AttendanceEvent.Type.CHECK_IN, "org-1", "p-7", "site-1",
                "cam-1", LocalDate.of(2026, 11, 25), "Asia/Tokyo", T, null, true, false, null, null, T);
        assertEquals(e, codec.decode(codec.encode(e), AttendanceEvent.class));
        AttendanceEvent m = new AttendanceEvent(1, "a-2", AttendanceEvent.Type.MANUAL, "org-1", "p-7", "site-1",
                null, LocalDate.of(2026, 11, 25), "Asia/Tokyo", T, T.plusSeconds(3600), false, false, "admin-1", "forgot badge", T);
        assertEquals(m, codec.decode(codec.encode(m), AttendanceEvent.class));
    }

    @Test
    void cameraRoundTripsWithSealedCredentialsAndHidesThemInLogs() {
        CameraCredentials key = CameraCredentials.fromSecret("k".repeat(40));
        CameraDefinition c = new CameraDefinition(1, "cam-1", "org-1", "site-1", "Front door",
                CameraDefinition.Kind.RTSP, "rtsp://10.0.0.5/stream", 5, true, T, null, key.seal("cam-1", "user:secret"));
        byte[] json = codec.encode(c);
        assertEquals(c, codec.decode(json, CameraDefinition.class));
        assertFalse(new String(json, java.nio.charset.StandardCharsets.UTF_8).contains("secret"), "credentials in clear on the topic");
        assertFalse(c.toString().contains("secret"));
        assertEquals("user:secret", key.open("cam-1", c.credentials()));
        assertThrows(MalformedEventException.class, () -> new CameraDefinition(1, "cam-1", "org-1", "site-1", "Front door",
                CameraDefinition.Kind.RTSP, "rtsp://user:secret@10.0.0.5/stream", 5, true, T), "credentials in clear are refused");
        CameraDefinition browser = new CameraDefinition(1, "cam-2", "org-1", "site-1", "Laptop",
                CameraDefinition.Kind.BROWSER, null, 5, true, T);
        assertEquals(browser, codec.decode(codec.encode(browser), CameraDefinition.class));
        CameraDefinition zoned = new CameraDefinition(1, "cam-3", "org-1", "site-2", "Berlin door",
                CameraDefinition.Kind.BROWSER, null, 5, true, T, "Europe/Berlin");
        assertEquals(zoned, codec.decode(codec.encode(zoned), CameraDefinition.class));
        // a producer that does not know the field yet: the zone is simply absent
        String old = new String(codec.encode(browser), java.nio.charset.StandardCharsets.UTF_8).replace(",\"siteZone\":null", "");
        assertEquals(null, codec.decode(old.getBytes(java.nio.charset.StandardCharsets.UTF_8), CameraDefinition.class).siteZone());
        org.junit.jupiter.api.Assertions.assertThrows(MalformedEventException.class, () -> new CameraDefinition(1, "c", "o", "s", "n",
                CameraDefinition.Kind.BROWSER, null, 5, true, T, "Mars/Olympus"));
    }

    @Test
    void eventIdIsTheNameBasedUuidOfFrameAndFace() {
        // the contract that makes redelivery and replicas de-duplicate: a v3 UUID of "<frameId>#<faceIndex>",
        // computed here independently of IdentityEvent
        String expected = java.util.UUID.nameUUIDFromBytes("f-9#2".getBytes(StandardCharsets.UTF_8)).toString();
        assertEquals(expected, IdentityEvent.eventId("f-9", 2));
        assertEquals(3, java.util.UUID.fromString(IdentityEvent.eventId("f-9", 2)).version());
        assertNotEquals(IdentityEvent.eventId("f-9", 2), IdentityEvent.eventId("f-9", 3));
        assertNotEquals(IdentityEvent.eventId("f-9", 2), IdentityEvent.eventId("f-8", 2));
        // no ambiguity between frame ids that end in digits and face indexes
        assertNotEquals(IdentityEvent.eventId("f-1", 12), IdentityEvent.eventId("f-11", 2));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "not json",
        "{",
        "[]",
        "null",
        "{\"version\":1}",
        // unsupported version
        "{\"version\":2,\"eventId\":\"e\",\"orgId\":\"o\",\"siteId\":\"s\",\"cameraId\":\"c\",\"frameId\":\"f\",\"faceIndex\":0,\"capturedAt\":\"2026-01-01T00:00:00Z\",\"decidedAt\":\"2026-01-01T00:00:00Z\",\"similarity\":0.5,\"margin\":0.1,\"bbox\":{\"x\":1,\"y\":1,\"width\":5,\"height\":5},\"modelId\":\"m\"}",
        // similarity out of range
        "{\"version\":1,\"eventId\":\"e\",\"orgId\":\"o\",\"siteId\":\"s\",\"cameraId\":\"c\",\"frameId\":\"f\",\"faceIndex\":0,\"capturedAt\":\"2026-01-01T00:00:00Z\",\"decidedAt\":\"2026-01-01T00:00:00Z\",\"similarity\":7,\"margin\":0.1,\"bbox\":{\"x\":1,\"y\":1,\"width\":5,\"height\":5},\"modelId\":\"m\"}",
        // blank org
        "{\"version\":1,\"eventId\":\"e\",\"orgId\":\" \",\"siteId\":\"s\",\"cameraId\":\"c\",\"frameId\":\"f\",\"faceIndex\":0,\"capturedAt\":\"2026-01-01T00:00:00Z\",\"decidedAt\":\"2026-01-01T00:00:00Z\",\"similarity\":0.5,\"margin\":0.1,\"bbox\":{\"x\":1,\"y\":1,\"width\":5,\"height\":5},\"modelId\":\"m\"}",
        // bad timestamp
        "{\"version\":1,\"eventId\":\"e\",\"orgId\":\"o\",\"siteId\":\"s\",\"cameraId\":\"c\",\"frameId\":\"f\",\"faceIndex\":0,\"capturedAt\":\"yesterday\",\"decidedAt\":\"2026-01-01T00:00:00Z\",\"similarity\":0.5,\"margin\":0.1,\"bbox\":{\"x\":1,\"y\":1,\"width\":5,\"height\":5},\"modelId\":\"m\"}",
        // empty box
        "{\"version\":1,\"eventId\":\"e\",\"orgId\":\"o\",\"siteId\":\"s\",\"cameraId\":\"c\",\"frameId\":\"f\",\"faceIndex\":0,\"capturedAt\":\"2026-01-01T00:00:00Z\",\"decidedAt\":\"2026-01-01T00:00:00Z\",\"similarity\":0.5,\"margin\":0.1,\"bbox\":{\"x\":1,\"y\":1,\"width\":0,\"height\":5},\"modelId\":\"m\"}"
    })
    void malformedIdentityEventsAreRejectedClearly(String json) {
        MalformedEventException e = assertThrows(MalformedEventException.class,
                () -> codec.decode(json.getBytes(StandardCharsets.UTF_8), IdentityEvent.class));
        assertTrue(e.getMessage().startsWith("IdentityEvent: "), e.getMessage());
    }

    @Test
    void theSameDocumentWithValidFieldsIsAccepted() {
        // guards the malformed cases above: they fail for the field they break, not for something else
        String ok = "{\"version\":1,\"eventId\":\"e\",\"orgId\":\"o\",\"siteId\":\"s\",\"cameraId\":\"c\",\"frameId\":\"f\",\"faceIndex\":0,\"capturedAt\":\"2026-01-01T00:00:00Z\",\"decidedAt\":\"2026-01-01T00:00:00Z\",\"similarity\":0.5,\"margin\":0.1,\"bbox\":{\"x\":1,\"y\":1,\"width\":5,\"height\":5},\"modelId\":\"m\",\"futureField\":42}";
        IdentityEvent e = codec.decode(ok.getBytes(StandardCharsets.UTF_8), IdentityEvent.class);
        assertEquals("o/unknown", e.key());
        assertEquals(null, e.liveness());
    }

    @Test
    void malformedTemplatesAreRejected() {
        String badBase64 = "{\"version\":1,\"orgId\":\"o\",\"personId\":\"p\",\"templateId\":\"t\",\"modelId\":\"m\",\"embedding\":\"!!!\",\"quality\":0.5,\"createdAt\":\"2026-01-01T00:00:00Z\"}";
        assertThrows(MalformedEventException.class, () -> codec.decode(badBase64.getBytes(StandardCharsets.UTF_8), FaceTemplate.class));
        String oddLength = "{\"version\":1,\"orgId\":\"o\",\"personId\":\"p\",\"templateId\":\"t\",\"modelId\":\"m\",\"embedding\":\"AAAA\",\"quality\":0.5,\"createdAt\":\"2026-01-01T00:00:00Z\"}";
        // 3 bytes: not a multiple of 4
        assertThrows(MalformedEventException.class, () -> codec.decode(oddLength.getBytes(StandardCharsets.UTF_8), FaceTemplate.class));
        String nan = "{\"version\":1,\"orgId\":\"o\",\"personId\":\"p\",\"templateId\":\"t\",\"modelId\":\"m\",\"embedding\":\"AADAfw==\",\"quality\":0.5,\"createdAt\":\"2026-01-01T00:00:00Z\"}";
        assertThrows(MalformedEventException.class, () -> codec.decode(nan.getBytes(StandardCharsets.UTF_8), FaceTemplate.class));
    }

    @Test
    void malformedAttendanceAndCameraAreRejected() {
        String manualWithoutReason = "{\"version\":1,\"eventId\":\"a\",\"type\":\"MANUAL\",\"orgId\":\"o\",\"personId\":\"p\",\"day\":\"2026-01-01\",\"checkIn\":\"2026-01-01T08:00:00Z\",\"late\":false,\"earlyLeave\":false,\"emittedAt\":\"2026-01-01T08:00:00Z\"}";
        assertThrows(MalformedEventException.class, () -> codec.decode(manualWithoutReason.getBytes(StandardCharsets.UTF_8), AttendanceEvent.class));
        String unknownType = "{\"version\":1,\"eventId\":\"a\",\"type\":\"TELEPORT\",\"orgId\":\"o\",\"personId\":\"p\",\"day\":\"2026-01-01\",\"checkIn\":\"2026-01-01T08:00:00Z\",\"late\":false,\"earlyLeave\":false,\"emittedAt\":\"2026-01-01T08:00:00Z\"}";
        assertThrows(MalformedEventException.class, () -> codec.decode(unknownType.getBytes(StandardCharsets.UTF_8), AttendanceEvent.class));
        String rtspWithoutUrl = "{\"version\":1,\"cameraId\":\"c\",\"orgId\":\"o\",\"siteId\":\"s\",\"name\":\"n\",\"kind\":\"RTSP\",\"fps\":5,\"enabled\":true,\"updatedAt\":\"2026-01-01T08:00:00Z\"}";
        assertThrows(MalformedEventException.class, () -> codec.decode(rtspWithoutUrl.getBytes(StandardCharsets.UTF_8), CameraDefinition.class));
    }

    @Test
    void oversizedMessagesAreRejectedBeforeParsing() {
        byte[] huge = new byte[EventCodec.MAX_BYTES + 1];
        MalformedEventException e = assertThrows(MalformedEventException.class, () -> codec.decode(huge, IdentityEvent.class));
        assertTrue(e.getMessage().contains("exceeds"));
    }

    @Test
    void keysSplitStrictly() {
        assertArrayEquals(new String[] {"o", "p", "t"}, Keys.split("o/p/t", 3));
        assertThrows(MalformedEventException.class, () -> Keys.split("o/p", 3));
        assertThrows(MalformedEventException.class, () -> Keys.split("o//t", 3));
        assertThrows(MalformedEventException.class, () -> Keys.split(null, 3));
    }

    @Test
    void aMessageOfExactlyTheLimitIsParsedNotRefusedForItsSize() {
        byte[] json = new byte[EventCodec.MAX_BYTES];
        java.util.Arrays.fill(json, (byte) ' ');
        json[0] = '{';
        json[json.length - 1] = '}';
        MalformedEventException e = assertThrows(MalformedEventException.class, () -> codec.decode(json, IdentityEvent.class));
        assertTrue(e.getMessage().startsWith("IdentityEvent: "), e.getMessage());
        assertFalse(e.getMessage().contains("exceeds"), "refused for its content, not its size: " + e.getMessage());
    }

    @Test
    void errorsSayWhatIsWrongOnOneShortLineWithoutThePayload() {
        String secret = "S3CRET-PAYLOAD-" + "y".repeat(400);
        MalformedEventException e = assertThrows(MalformedEventException.class,
                () -> codec.decode(("{\"version\":\"" + secret).getBytes(StandardCharsets.UTF_8), IdentityEvent.class));
        assertTrue(e.getMessage().startsWith("IdentityEvent: "), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
        assertTrue(e.getMessage().length() <= "IdentityEvent: ".length() + 300, "at most 300 characters of detail");
        assertFalse(e.getMessage().contains("yyyyyyyyyy"), "the payload is not echoed: " + e.getMessage());
    }

    @Test
    void aFieldCheckDeepInsideTheParserIsReportedAsItself() {
        String zeroBox = "{\"version\":1,\"eventId\":\"e\",\"orgId\":\"o\",\"siteId\":\"s\",\"cameraId\":\"c\",\"frameId\":\"f\","
                + "\"faceIndex\":0,\"capturedAt\":\"2026-01-01T00:00:00Z\",\"decidedAt\":\"2026-01-01T00:00:00Z\",\"similarity\":0.5,"
                + "\"margin\":0.1,\"bbox\":{\"x\":1,\"y\":1,\"width\":0,\"height\":5},\"modelId\":\"m\"}";
        MalformedEventException e = assertThrows(MalformedEventException.class,
                () -> codec.decode(zeroBox.getBytes(StandardCharsets.UTF_8), IdentityEvent.class));
        assertEquals("IdentityEvent: bounding box must have a positive size, was 0x5", e.getMessage());
    }
}
