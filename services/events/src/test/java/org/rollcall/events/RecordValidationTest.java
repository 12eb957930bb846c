package org.rollcall.events;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every record refuses to exist with a broken field, and names the field it refuses. */
class RecordValidationTest {
    static final Instant T = Instant.parse("2026-11-25T08:59:30Z");
    static final BoundingBox BOX = new BoundingBox(1, 2, 3, 4);
    static final String LONG = "x".repeat(201);

    static IdentityEvent identity(int version, String eventId, String org, String site, String camera, String frame,
            int face, Instant captured, Instant decided, String person, double similarity, double margin, Double liveness,
            BoundingBox box, String model) {
        return new IdentityEvent(version, eventId, org, site, camera, frame, face, captured, decided, person, similarity,
                margin, liveness, box, model, "t", null);
    }

    static Stream<Arguments> brokenIdentityEvents() {
        return Stream.of(
                Arguments.of("version", (Executable) () -> identity(2, "e", "o", "s", "c", "f", 0, T, T, "p", 0.5, 0.1, 0.9, BOX, "m")),
                Arguments.of("eventId", (Executable) () -> identity(1, " ", "o", "s", "c", "f", 0, T, T, "p", 0.5, 0.1, 0.9, BOX, "m")),
                Arguments.of("orgId", (Executable) () -> identity(1, "e", null, "s", "c", "f", 0, T, T, "p", 0.5, 0.1, 0.9, BOX, "m")),
                Arguments.of("siteId", (Executable) () -> identity(1, "e", "o", "", "c", "f", 0, T, T, "p", 0.5, 0.1, 0.9, BOX, "m")),
                Arguments.of("cameraId", (Executable) () -> identity(1, "e", "o", "s", LONG, "f", 0, T, T, "p", 0.5, 0.1, 0.9, BOX, "m")),
                Arguments.of("frameId", (Executable) () -> identity(1, "e", "o", "s", "c", null, 0, T, T, "p", 0.5, 0.1, 0.9, BOX, "m")),
                Arguments.of("faceIndex", (Executable) () -> identity(1, "e", "o", "s", "c", "f", -1, T, T, "p", 0.5, 0.1, 0.9, BOX, "m")),
                Arguments.of("capturedAt", (Executable) () -> identity(1, "e", "o", "s", "c", "f", 0, null, T, "p", 0.5, 0.1, 0.9, BOX, "m")),
                Arguments.of("decidedAt", (Executable) () -> identity(1, "e", "o", "s", "c", "f", 0, T, null, "p", 0.5, 0.1, 0.9, BOX, "m")),
                Arguments.of("personId", (Executable) () -> identity(1, "e", "o", "s", "c", "f", 0, T, T, " ", 0.5, 0.1, 0.9, BOX, "m")),
                Arguments.of("similarity", (Executable) () -> identity(1, "e", "o", "s", "c", "f", 0, T, T, "p", 1.01, 0.1, 0.9, BOX, "m")),
                Arguments.of("similarity", (Executable) () -> identity(1, "e", "o", "s", "c", "f", 0, T, T, "p", Double.NaN, 0.1, 0.9, BOX, "m")),
                Arguments.of("margin", (Executable) () -> identity(1, "e", "o", "s", "c", "f", 0, T, T, "p", 0.5, 2.5, 0.9, BOX, "m")),
                Arguments.of("liveness", (Executable) () -> identity(1, "e", "o", "s", "c", "f", 0, T, T, "p", 0.5, 0.1, 1.2, BOX, "m")),
                Arguments.of("liveness", (Executable) () -> identity(1, "e", "o", "s", "c", "f", 0, T, T, "p", 0.5, 0.1, -0.1, BOX, "m")),
                Arguments.of("bbox", (Executable) () -> identity(1, "e", "o", "s", "c", "f", 0, T, T, "p", 0.5, 0.1, 0.9, null, "m")),
                Arguments.of("modelId", (Executable) () -> identity(1, "e", "o", "s", "c", "f", 0, T, T, "p", 0.5, 0.1, 0.9, BOX, "")));
    }

    @ParameterizedTest(name = "identity event without a valid {0}")
    @MethodSource("brokenIdentityEvents")
    void identityEventsNameTheBrokenField(String field, Executable make) {
        MalformedEventException e = assertThrows(MalformedEventException.class, make);
        assertTrue(e.getMessage().contains(field) || (field.equals("version") && e.getMessage().contains("version 2")),
                e.getMessage());
    }

    @Test
    void identityEventRangesIncludeTheirBounds() {
        assertEquals(-1.0, identity(1, "e", "o", "s", "c", "f", 0, T, T, "p", -1, -2, 0.0, BOX, "m").similarity());
        assertEquals(1.0, identity(1, "e", "o", "s", "c", "f", 0, T, T, "p", 1, 2, 1.0, BOX, "m").similarity());
        assertEquals(null, identity(1, "e", "o", "s", "c", "f", 0, T, T, null, 0.1, 0, null, BOX, "m").liveness());
        assertEquals("x".repeat(200), identity(1, "e", "o", "s", "x".repeat(200), "f", 0, T, T, "p", 0.5, 0, null, BOX, "m").cameraId());
    }

    @ParameterizedTest(name = "box {0}x{1} refused")
    @org.junit.jupiter.params.provider.CsvSource({"0, 5", "5, 0", "-1, 5", "5, -3"})
    void boxesNeedAPositiveSize(int w, int h) {
        assertTrue(assertThrows(MalformedEventException.class, () -> new BoundingBox(0, 0, w, h)).getMessage().contains("positive size"));
    }

    static AttendanceEvent attendance(AttendanceEvent.Type type, String org, String person, LocalDate day, Instant in,
            Instant out, String actor, String reason, Instant emitted) {
        return new AttendanceEvent(1, "a", type, org, person, "s", "c", day, "Europe/Berlin", in, out, false, false, actor, reason, emitted);
    }

    static Stream<Arguments> brokenAttendanceEvents() {
        LocalDate d = LocalDate.of(2026, 11, 25);
        return Stream.of(
                Arguments.of("type", (Executable) () -> attendance(null, "o", "p", d, T, null, null, null, T)),
                Arguments.of("orgId", (Executable) () -> attendance(AttendanceEvent.Type.CHECK_IN, " ", "p", d, T, null, null, null, T)),
                Arguments.of("personId", (Executable) () -> attendance(AttendanceEvent.Type.CHECK_IN, "o", null, d, T, null, null, null, T)),
                Arguments.of("day", (Executable) () -> attendance(AttendanceEvent.Type.CHECK_IN, "o", "p", null, T, null, null, null, T)),
                Arguments.of("checkIn", (Executable) () -> attendance(AttendanceEvent.Type.CHECK_IN, "o", "p", d, null, null, null, null, T)),
                Arguments.of("emittedAt", (Executable) () -> attendance(AttendanceEvent.Type.CHECK_IN, "o", "p", d, T, null, null, null, null)),
                Arguments.of("before checkIn", (Executable) () -> attendance(AttendanceEvent.Type.CHECK_OUT, "o", "p", d, T, T.minusSeconds(1), null, null, T)),
                Arguments.of("actor and a reason", (Executable) () -> attendance(AttendanceEvent.Type.MANUAL, "o", "p", d, T, null, "admin", null, T)),
                Arguments.of("actor and a reason", (Executable) () -> attendance(AttendanceEvent.Type.CORRECTION, "o", "p", d, T, null, null, "why", T)));
    }

    @ParameterizedTest(name = "attendance event without a valid {0}")
    @MethodSource("brokenAttendanceEvents")
    void attendanceEventsNameTheBrokenField(String field, Executable make) {
        assertTrue(assertThrows(MalformedEventException.class, make).getMessage().contains(field));
    }

    @Test
    void aCheckOutAtTheCheckInTimeAndAutomaticEventsWithoutActorsAreValid() {
        LocalDate d = LocalDate.of(2026, 11, 25);
        assertEquals(T, attendance(AttendanceEvent.Type.CHECK_OUT, "o", "p", d, T, T, null, null, T).checkOut());
        assertEquals("o/p", attendance(AttendanceEvent.Type.CHECK_IN, "o", "p", d, T, null, null, null, T).key());
        assertEquals("why", attendance(AttendanceEvent.Type.MANUAL, "o", "p", d, T, null, "admin", "why", T).reason());
    }

    static FaceTemplate template(float[] embedding, double quality) {
        return new FaceTemplate(1, "o", "p", "t", "m", embedding, quality, T);
    }

    @ParameterizedTest(name = "template refused: {0}")
    @ValueSource(strings = {"empty", "too long", "NaN", "infinite", "quality", "null"})
    void templatesRefuseUnusableEmbeddings(String broken) {
        float[] e = switch (broken) {
            case "empty" -> new float[0];
            case "too long" -> new float[4097];
            case "NaN" -> new float[] {0.1f, Float.NaN};
            case "infinite" -> new float[] {Float.POSITIVE_INFINITY};
            case "null" -> null;
            default -> new float[] {0.5f};
        };
        double quality = broken.equals("quality") ? 1.5 : 0.5;
        assertThrows(MalformedEventException.class, () -> template(e, quality));
    }

    @Test
    void templateLimitsAreInclusive() {
        assertEquals(4096, template(new float[4096], 1.0).embedding().length);
        assertEquals(0.0, template(new float[] {1}, 0.0).quality());
        assertEquals("o/p/t", template(new float[] {1}, 0.5).key());
    }

    @ParameterizedTest(name = "camera refused: {0}")
    @ValueSource(strings = {"no url", "blank url", "long url", "fps low", "fps high", "zone", "no kind"})
    void camerasRefuseBrokenDefinitions(String broken) {
        assertThrows(MalformedEventException.class, () -> new CameraDefinition(1, "c", "o", "s", "n",
                broken.equals("no kind") ? null : CameraDefinition.Kind.RTSP,
                switch (broken) {
                    case "no url" -> null;
                    case "blank url" -> " ";
                    case "long url" -> "rtsp://h/" + "x".repeat(2000);
                    default -> "rtsp://h/s";
                },
                broken.equals("fps low") ? 0.05 : broken.equals("fps high") ? 61 : 5, true, T,
                broken.equals("zone") ? "Nowhere/Here" : null));
    }

    @Test
    void browserCamerasNeedNoUrlAndFpsBoundsAreInclusive() {
        assertEquals(null, new CameraDefinition(1, "c", "o", "s", "n", CameraDefinition.Kind.BROWSER, null, 0.1, true, T).url());
        assertEquals(60.0, new CameraDefinition(1, "c", "o", "s", "n", CameraDefinition.Kind.USB, "/dev/video0", 60, true, T).fps());
    }

    @Test
    void personKeysNameUnknownFaces() {
        assertEquals("o/unknown", Keys.person("o", null));
        assertEquals("o/p", Keys.person("o", "p"));
        assertEquals("o/p/t", Keys.template("o", "p", "t"));
        assertArrayEquals(new String[] {"o", "p"}, Keys.split(Keys.person("o", "p"), 2));
        assertThrows(MalformedEventException.class, () -> Keys.split("o/ /t", 3));
        assertThrows(MalformedEventException.class, () -> Keys.split("o/p/t/x", 3));
    }

    @Test
    void float32Base64IsLittleEndianAndRoundTripsSpecialValues() {
        // 1.0f is 0x3f800000: little-endian bytes 00 00 80 3f
        assertEquals("AACAPw==", Float32Base64.encode(new float[] {1.0f}));
        float[] values = {0f, -0f, Float.MIN_VALUE, Float.MAX_VALUE, -1.5f, 3.25e-8f};
        assertArrayEquals(values, Float32Base64.decode(Float32Base64.encode(values)));
        assertEquals(0, Float32Base64.decode("").length);
        assertThrows(MalformedEventException.class, () -> Float32Base64.decode("AAA="));
        assertThrows(MalformedEventException.class, () -> Float32Base64.decode("@@@@"));
    }

    @Test
    void topicSpecsMatchTheDesign() {
        TopicSpec frames = TopicSpec.ALL.stream().filter(t -> t.name().equals(Topics.FRAMES)).findFirst().orElseThrow();
        assertEquals(TopicSpec.FRAME_PARTITIONS, frames.partitions());
        assertEquals("delete", frames.configs().get("cleanup.policy"));
        assertEquals(Long.toString(Duration.ofMinutes(10).toMillis()), frames.configs().get("retention.ms"));
        assertEquals("60000", frames.configs().get("segment.ms"));
        TopicSpec templates = TopicSpec.ALL.stream().filter(t -> t.name().equals(Topics.FACE_TEMPLATES)).findFirst().orElseThrow();
        assertEquals("compact", templates.configs().get("cleanup.policy"));
        assertEquals(null, templates.configs().get("retention.ms"));
        TopicSpec attendance = TopicSpec.ALL.stream().filter(t -> t.name().equals(Topics.ATTENDANCE)).findFirst().orElseThrow();
        assertEquals(null, attendance.configs().get("segment.ms"));
        assertEquals(Long.toString(Duration.ofDays(30).toMillis()), attendance.configs().get("retention.ms"));
    }

    @Test
    void templatesAreEqualByValueIncludingTheirEmbeddingsAndPrintNoBiometrics() {
        FaceTemplate a = template(new float[] {0.25f, -0.5f}, 0.5);
        FaceTemplate same = template(new float[] {0.25f, -0.5f}, 0.5);
        assertEquals(a, same);
        assertEquals(a.hashCode(), same.hashCode());
        assertTrue(!a.equals(template(new float[] {0.25f, -0.51f}, 0.5)), "another embedding");
        assertTrue(!a.equals(template(new float[] {0.25f, -0.5f}, 0.6)), "another quality");
        assertTrue(!a.equals(new FaceTemplate(1, "o", "p", "t2", "m", new float[] {0.25f, -0.5f}, 0.5, T)), "another id");
        assertTrue(!a.equals("o/p/t"));
        assertEquals("FaceTemplate[o/p/t, model=m, dims=2]", a.toString());
    }

    @Test
    void cameraUrlsUpToTheLimitAreAcceptedAndNeverPrinted() {
        String url = "rtsp://h/secret" + "x".repeat(2000 - "rtsp://h/secret".length());
        CameraDefinition c = new CameraDefinition(1, "c", "o", "s", "n", CameraDefinition.Kind.RTSP, url, 5, true, T);
        assertEquals(2000, c.url().length());
        assertEquals("CameraDefinition[c, org=o, site=s, kind=RTSP, fps=5.0, enabled=true]", c.toString());
    }

    static Stream<Arguments> brokenTemplatesAndCameras() {
        float[] e = {0.5f};
        CameraDefinition.Kind k = CameraDefinition.Kind.BROWSER;
        return Stream.of(
                Arguments.of("version", (Executable) () -> new FaceTemplate(2, "o", "p", "t", "m", e, 0.5, T)),
                Arguments.of("orgId", (Executable) () -> new FaceTemplate(1, " ", "p", "t", "m", e, 0.5, T)),
                Arguments.of("personId", (Executable) () -> new FaceTemplate(1, "o", null, "t", "m", e, 0.5, T)),
                Arguments.of("templateId", (Executable) () -> new FaceTemplate(1, "o", "p", "", "m", e, 0.5, T)),
                Arguments.of("modelId", (Executable) () -> new FaceTemplate(1, "o", "p", "t", LONG, e, 0.5, T)),
                Arguments.of("createdAt", (Executable) () -> new FaceTemplate(1, "o", "p", "t", "m", e, 0.5, null)),
                Arguments.of("version", (Executable) () -> new CameraDefinition(0, "c", "o", "s", "n", k, null, 5, true, T)),
                Arguments.of("cameraId", (Executable) () -> new CameraDefinition(1, null, "o", "s", "n", k, null, 5, true, T)),
                Arguments.of("orgId", (Executable) () -> new CameraDefinition(1, "c", "", "s", "n", k, null, 5, true, T)),
                Arguments.of("siteId", (Executable) () -> new CameraDefinition(1, "c", "o", " ", "n", k, null, 5, true, T)),
                Arguments.of("name", (Executable) () -> new CameraDefinition(1, "c", "o", "s", null, k, null, 5, true, T)),
                Arguments.of("updatedAt", (Executable) () -> new CameraDefinition(1, "c", "o", "s", "n", k, null, 5, true, null)),
                Arguments.of("version", (Executable) () -> new AttendanceEvent(3, "a", AttendanceEvent.Type.CHECK_IN, "o", "p", "s",
                        "c", LocalDate.of(2026, 1, 1), "UTC", T, null, false, false, null, null, T)),
                Arguments.of("eventId", (Executable) () -> new AttendanceEvent(1, " ", AttendanceEvent.Type.CHECK_IN, "o", "p", "s",
                        "c", LocalDate.of(2026, 1, 1), "UTC", T, null, false, false, null, null, T)));
    }

    @ParameterizedTest(name = "{0} checked")
    @MethodSource("brokenTemplatesAndCameras")
    void templatesCamerasAndAttendanceNameTheBrokenField(String field, Executable make) {
        assertTrue(assertThrows(MalformedEventException.class, make).getMessage().contains(field));
    }

    @Test
    void parserMessagesAreCutToTheirFirstLineAndThreeHundredCharacters() {
        assertEquals("invalid JSON", EventCodec.firstLine(null));
        assertEquals("first", EventCodec.firstLine("first\nsecond"));
        assertEquals("", EventCodec.firstLine("\nsecond"));
        assertEquals("x".repeat(300), EventCodec.firstLine("x".repeat(300)));
        assertEquals("x".repeat(300), EventCodec.firstLine("x".repeat(301)));
        assertEquals("x".repeat(299), EventCodec.firstLine("x".repeat(299)));
        assertEquals("y".repeat(300), EventCodec.firstLine("y".repeat(400) + "\nz"));
    }
}
