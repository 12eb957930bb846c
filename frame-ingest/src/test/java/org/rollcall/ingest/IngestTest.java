package org.rollcall.ingest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.rollcall.events.CameraCredentials;
import org.rollcall.events.CameraDefinition;
import org.rollcall.events.EventCodec;
import org.rollcall.events.FrameHeaders;
import org.rollcall.events.Revocation;
import org.rollcall.events.Topics;
import org.rollcall.testkit.Await;
import org.rollcall.testkit.Ffmpeg;
import org.rollcall.testkit.InjectKafka;
import org.rollcall.testkit.InjectTokens;
import org.rollcall.testkit.JwtTestResource;
import org.rollcall.testkit.KafkaBroker;
import org.rollcall.testkit.KafkaTestResource;
import org.rollcall.testkit.ServiceHealthContract;
import org.rollcall.testkit.RecordingWebSocket;
import org.rollcall.testkit.TestTokens;

/**
 * Real streams into a real broker: a video file, an HTTP MJPEG camera served by Debian's ffmpeg
 * (which goes away and comes back), the browser WebSocket, and the status API.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = JwtTestResource.class, restrictToAnnotatedClass = true)
class IngestTest extends ServiceHealthContract {
    @Override
    protected List<String> readinessChecks() {
        return List.of("Kafka connection health check", "Camera registry loaded and camera workers running");
    }

    @Override
    protected List<String> serviceMetrics() {
        return List.of("rollcall_ingest_cameras_owned", "rollcall_ingest_cameras_connected");
    }

    static final String ORG = "org-i";
    static final EventCodec CODEC = new EventCodec();
    static Path clip;
    static Path photo;
    static List<Process> servers = new ArrayList<>();

    @jakarta.inject.Inject
    org.rollcall.ingest.camera.CameraSupervisor supervisor;
    @InjectKafka
    KafkaBroker kafka;
    @InjectTokens
    TestTokens tokens;
    @TestHTTPResource("/")
    URI base;

    @BeforeAll
    static void makeClip() throws Exception {
        Path dir = Files.createDirectories(Path.of("target", "clips"));
        photo = Path.of(System.getProperty("user.home"), ".cache", "rollcall", "fixtures", "sample1.jpg");
        if (System.getenv("ROLLCALL_FIXTURE_DIR") != null) {
            photo = Path.of(System.getenv("ROLLCALL_FIXTURE_DIR"), "sample1.jpg");
        }
        assertTrue(Files.exists(photo), "fixture photo missing (services/face-engine/fetch-models.sh): " + photo);
        clip = dir.resolve("clip.mp4");
        // 4 s at 25 fps with a moving box, so frames differ
        run(Ffmpeg.process("-y", "-loglevel", "error", "-loop", "1", "-i", photo.toString(), "-t", "4", "-r", "25",
                "-vf", "scale=640:-2,drawbox=x='mod(t*160,600)':y=10:w=40:h=40:color=red@0.8:t=fill,format=yuv420p",
                "-c:v", "mpeg4", "-q:v", "4", clip.toString()));
    }

    @AfterAll
    static void stopServers() {
        servers.forEach(Process::destroyForcibly);
    }

    static void run(ProcessBuilder cmd) throws Exception {
        Process p = cmd.inheritIO().start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, "command failed: " + String.join(" ", cmd.command()));
    }

    static Process mjpegServer(int port) throws Exception {
        Process p = Ffmpeg.process("-loglevel", "error", "-re", "-stream_loop", "-1", "-i", clip.toString(), "-an",
                "-c:v", "mjpeg", "-q:v", "5", "-f", "mpjpeg", "-content_type", "multipart/x-mixed-replace;boundary=ffmpeg",
                "-listen", "1", "http://127.0.0.1:" + port + "/cam.mjpg").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        servers.add(p);
        return p;
    }

    static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private void camera(String id, String org, CameraDefinition.Kind kind, String url, double fps, boolean enabled) throws Exception {
        camera(id, org, kind, url, fps, enabled, null);
    }

    private void camera(String id, String org, CameraDefinition.Kind kind, String url, double fps, boolean enabled, String sealedCredentials)
            throws Exception {
        try (var p = new KafkaProducer<>(kafka.clientSettings(),
                new StringSerializer(), new ByteArraySerializer())) {
            p.send(new ProducerRecord<>(Topics.CAMERAS, id, CODEC.encode(new CameraDefinition(1, id, org, "site-1",
                    "Camera " + id, kind, url, fps, enabled, Instant.now(), null, sealedCredentials)))).get();
        }
    }

    /** A reader of the frames topic from its current end. */
    private KafkaConsumer<String, byte[]> framesFromNow() {
        var c = new KafkaConsumer<>(kafka.clientSettings(Map.<String, Object>of(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 4 << 20)), new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> parts = c.partitionsFor(Topics.FRAMES).stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        c.assign(parts);
        c.seekToEnd(parts);
        parts.forEach(c::position);
        return c;
    }

    private static List<ConsumerRecord<String, byte[]>> read(KafkaConsumer<String, byte[]> c, String camera, Duration window) {
        List<ConsumerRecord<String, byte[]>> out = new ArrayList<>();
        long end = System.nanoTime() + window.toNanos();
        while (System.nanoTime() < end) {
            for (var r : c.poll(Duration.ofMillis(100))) {
                if (camera.equals(r.key())) {
                    out.add(r);
                }
            }
        }
        return out;
    }

    private static String header(ConsumerRecord<String, byte[]> r, String name) {
        var h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    private String state(String token, String cameraId) {
        List<Map<String, Object>> all = given().auth().oauth2(token).get("/api/v1/cameras/status").then().statusCode(200)
                .extract().jsonPath().getList("$");
        return all.stream().filter(m -> cameraId.equals(m.get("cameraId"))).map(m -> (String) m.get("state")).findFirst().orElse(null);
    }

    @Test
    void aVideoFileIsSampledAtTheCameraRateWithTheFrameHeaders() throws Exception {
        try (var reader = framesFromNow()) {
            camera("cam-file", ORG, CameraDefinition.Kind.FILE, clip.toAbsolutePath().toString(), 4, true);
            read(reader, "cam-file", Duration.ofSeconds(3)); // start-up
            List<ConsumerRecord<String, byte[]>> frames = read(reader, "cam-file", Duration.ofSeconds(5));
            assertTrue(frames.size() >= 14 && frames.size() <= 26, "4 fps for 5 s gave " + frames.size() + " frames");
            ConsumerRecord<String, byte[]> r = frames.get(0);
            assertEquals(ORG, header(r, FrameHeaders.ORG));
            assertEquals("site-1", header(r, FrameHeaders.SITE));
            assertEquals("cam-file", header(r, FrameHeaders.CAMERA));
            assertEquals("file", header(r, FrameHeaders.SOURCE));
            assertNotNull(header(r, FrameHeaders.FRAME_ID));
            assertTrue(Duration.between(Instant.parse(header(r, FrameHeaders.CAPTURED_AT)), Instant.now()).toSeconds() < 30);
            assertEquals(0xFF, r.value()[0] & 0xFF);
            assertEquals(0xD8, r.value()[1] & 0xFF);
            assertTrue(frames.stream().map(x -> header(x, FrameHeaders.FRAME_ID)).distinct().count() == frames.size());

            // disabling the camera stops it without a restart
            camera("cam-file", ORG, CameraDefinition.Kind.FILE, clip.toAbsolutePath().toString(), 4, false);
            read(reader, "cam-file", Duration.ofSeconds(2));
            assertEquals(0, read(reader, "cam-file", Duration.ofSeconds(2)).size(), "a disabled camera still streams");
        }
    }

    @Test
    void anHttpMjpegCameraThatGoesAwayIsReconnected() throws Exception {
        int port = freePort();
        Process server = mjpegServer(port);
        String admin = tokens.token("admin-i", ORG, "admin");
        try (var reader = framesFromNow()) {
            camera("cam-http", ORG, CameraDefinition.Kind.HTTP, "http://127.0.0.1:" + port + "/cam.mjpg", 5, true);
            Await.until(() -> !read(reader, "cam-http", Duration.ofMillis(500)).isEmpty(), Duration.ofSeconds(30), "first frames");
            List<ConsumerRecord<String, byte[]>> frames = read(reader, "cam-http", Duration.ofSeconds(4));
            assertTrue(frames.size() >= 12 && frames.size() <= 26, "5 fps for 4 s gave " + frames.size() + " frames");
            assertEquals("http", header(frames.get(0), FrameHeaders.SOURCE));
            // published as the camera encoded them (FFmpeg's encoder signs its JPEGs "Lavc" in a
            // comment, which a decode and re-encode here would not keep): no decoding in ingest
            String published = new String(frames.get(0).value(), java.nio.charset.StandardCharsets.ISO_8859_1);
            assertTrue(published.contains("Lavc"), "the camera's own JPEG was passed through");
            assertEquals("CONNECTED", state(admin, "cam-http"));

            server.destroyForcibly().waitFor();
            Await.until(() -> !"CONNECTED".equals(state(admin, "cam-http")), Duration.ofSeconds(30), "the outage is noticed");
            read(reader, "cam-http", Duration.ofSeconds(1));
            mjpegServer(port);
            Await.until(() -> !read(reader, "cam-http", Duration.ofMillis(500)).isEmpty(), Duration.ofSeconds(60), "frames after the camera came back");
            assertEquals("CONNECTED", state(admin, "cam-http"));
            given().auth().oauth2(admin).get("/api/v1/cameras/status").then()
                    .body("find { it.cameraId == 'cam-http' }.reconnects", org.hamcrest.Matchers.greaterThanOrEqualTo(1))
                    .body("find { it.cameraId == 'cam-http' }.url", org.hamcrest.Matchers.nullValue());
            // another organization sees none of it; no token, no status
            given().auth().oauth2(tokens.token("admin-o", "org-other", "admin")).get("/api/v1/cameras/status")
                    .then().statusCode(200).body("$", hasSize(0));
            given().get("/api/v1/cameras/status").then().statusCode(401);
        } finally {
            camera("cam-http", ORG, CameraDefinition.Kind.HTTP, "http://127.0.0.1:" + port + "/cam.mjpg", 5, false);
        }
    }

    @Test
    void anRtspCameraWithAPasswordIsReadOverTcpAtItsRateWithCredentialsSealedOnTheTopic() throws Exception {
        int port = freePort();
        Path script = Path.of("src/test/resources/rtsp-server.py").toAbsolutePath();
        // the camera answers only its user, like an IP camera; the registry carries the password sealed
        Process server = new ProcessBuilder("/usr/bin/python3", script.toString(), Integer.toString(port), "viewer", "s3cret-pass")
                .redirectErrorStream(true).start();
        servers.add(server);
        var out = new java.io.BufferedReader(new java.io.InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
        assertEquals("ready", out.readLine(), "gstreamer's RTSP server did not start (gir1.2-gst-rtsp-server-1.0, python3-gi)");
        String url = "rtsp://127.0.0.1:" + port + "/cam";
        CameraCredentials key = CameraCredentials.fromSecret(org.eclipse.microprofile.config.ConfigProvider.getConfig()
                .getValue("rollcall.cameras.credentials-key", String.class));
        CameraCredentials otherKey = CameraCredentials.fromSecret("a key that identity never used for this camera!");
        try (var reader = framesFromNow()) {
            camera("cam-rtsp-wrong-key", ORG, CameraDefinition.Kind.RTSP, url, 5, true, otherKey.seal("cam-rtsp-wrong-key", "viewer:s3cret-pass"));
            camera("cam-rtsp", ORG, CameraDefinition.Kind.RTSP, url, 5, true, key.seal("cam-rtsp", "viewer:s3cret-pass"));
            Await.until(() -> !read(reader, "cam-rtsp", Duration.ofMillis(500)).isEmpty(), Duration.ofSeconds(30), "first RTSP frames");
            List<ConsumerRecord<String, byte[]>> frames = read(reader, "cam-rtsp", Duration.ofSeconds(4));
            assertTrue(frames.size() >= 12 && frames.size() <= 26, "5 fps for 4 s gave " + frames.size() + " frames");
            assertEquals("rtsp", header(frames.get(0), FrameHeaders.SOURCE));
            // credentials this instance cannot open: a clear reason in the status, never a password
            String admin = tokens.token("admin-1", ORG, "admin");
            Await.until(() -> given().auth().oauth2(admin).get("/api/v1/cameras/status").asString().contains("cannot be opened"),
                    Duration.ofSeconds(30), "the wrong key is reported");
            assertFalse(given().auth().oauth2(admin).get("/api/v1/cameras/status").asString().contains("s3cret"));
        } finally {
            camera("cam-rtsp", ORG, CameraDefinition.Kind.RTSP, url, 5, false, null);
            camera("cam-rtsp-wrong-key", ORG, CameraDefinition.Kind.RTSP, url, 5, false, null);
            server.destroyForcibly();
        }
    }

    /**
     * Finding (high) "any tenant admin controls what frame-ingest opens": FILE cameras at host
     * files were opened, an HTTP camera at the services' own ports was fetched, and the states told
     * an existing file from a missing one (a scanner). Now ingest refuses them when it opens them,
     * whatever the registry says (identity's check can be bypassed by anyone who can write the
     * topic), with one reason for all: the rule, not what exists.
     */
    @Test
    void sourcesOutsideTheOperatorsPolicyAreNeverOpenedAndLookAlike() throws Exception {
        String admin = tokens.token("admin-1", ORG, "admin");
        Map<String, String> probes = Map.of(
                "cam-probe-file", "/etc/hostname",
                "cam-probe-missing", "/etc/no-such-file-here",
                "cam-probe-escape", clip.toAbsolutePath().getParent().resolve("../../../../etc/hostname").toString());
        try (var reader = framesFromNow()) {
            for (var p : probes.entrySet()) {
                camera(p.getKey(), ORG, CameraDefinition.Kind.FILE, p.getValue(), 4, true);
            }
            camera("cam-probe-metrics", ORG, CameraDefinition.Kind.HTTP, "http://[::1]:" + io.restassured.RestAssured.port + "/q/metrics", 4, true);
            camera("cam-probe-metadata", ORG, CameraDefinition.Kind.HTTP, "http://169.254.169.254/latest/meta-data/", 4, true);
            List<String> ids = List.of("cam-probe-file", "cam-probe-missing", "cam-probe-escape", "cam-probe-metrics", "cam-probe-metadata");
            Await.until(() -> ids.stream().allMatch(id -> error(admin, id) != null), Duration.ofSeconds(30), "every probe reported");
            Map<String, String> errors = new java.util.HashMap<>();
            ids.forEach(id -> errors.put(id, error(admin, id)));
            assertEquals(errors.get("cam-probe-file"), errors.get("cam-probe-missing"), "an existing and a missing file look alike");
            assertEquals(errors.get("cam-probe-file"), errors.get("cam-probe-escape"));
            assertTrue(errors.get("cam-probe-file").contains("only allowed from the folders the operator lists"), errors.toString());
            assertEquals(errors.get("cam-probe-metrics"), errors.get("cam-probe-metadata"), "the own port and cloud metadata look alike");
            assertTrue(errors.get("cam-probe-metrics").contains("only allowed in the networks the operator lists"), errors.toString());
            assertTrue(ids.stream().noneMatch(id -> "CONNECTED".equals(state(admin, id))));
            assertTrue(read(reader, "cam-probe-file", Duration.ofSeconds(1)).isEmpty() && read(reader, "cam-probe-metrics", Duration.ofSeconds(1)).isEmpty(),
                    "nothing was published from a refused source");
        } finally {
            for (var p : probes.entrySet()) {
                camera(p.getKey(), ORG, CameraDefinition.Kind.FILE, p.getValue(), 4, false);
            }
            camera("cam-probe-metrics", ORG, CameraDefinition.Kind.HTTP, "http://localhost/", 4, false);
            camera("cam-probe-metadata", ORG, CameraDefinition.Kind.HTTP, "http://169.254.169.254/", 4, false);
        }
    }

    private String error(String token, String cameraId) {
        List<Map<String, Object>> all = given().auth().oauth2(token).get("/api/v1/cameras/status").then().statusCode(200)
                .extract().jsonPath().getList("$");
        return all.stream().filter(m -> cameraId.equals(m.get("cameraId"))).map(m -> (String) m.get("lastError"))
                .filter(java.util.Objects::nonNull).findFirst().orElse(null);
    }

    private WebSocket connect(String cameraId, String token, RecordingWebSocket client) {
        var b = HttpClient.newHttpClient().newWebSocketBuilder();
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        URI uri = URI.create("ws://" + base.getHost() + ":" + base.getPort() + "/ws/cameras/" + cameraId);
        return b.buildAsync(uri, client).join();
    }

    @Test
    void theBrowserWebSocketPublishesAuthenticatedJpegsOnly() throws Exception {
        camera("cam-browser", ORG, CameraDefinition.Kind.BROWSER, null, 5, true);
        camera("cam-not-browser", ORG, CameraDefinition.Kind.USB, "/dev/video9", 5, false);
        Await.until(() -> supervisor.camera("cam-browser") != null && supervisor.camera("cam-not-browser") != null,
                Duration.ofSeconds(30), "ingest follows the camera registry");
        byte[] jpeg = Files.readAllBytes(photo);
        try (var reader = framesFromNow()) {
            RecordingWebSocket ok = new RecordingWebSocket();
            WebSocket ws = connect("cam-browser", tokens.token("u-1", ORG, "member"), ok);
            ws.sendBinary(ByteBuffer.wrap("GIF89a, not a JPEG".getBytes(StandardCharsets.US_ASCII)), true).join();
            assertTrue(ok.texts.poll(10, TimeUnit.SECONDS).contains("not a JPEG"));
            ws.sendBinary(ByteBuffer.wrap(jpeg), true).join();
            List<ConsumerRecord<String, byte[]>> frames = read(reader, "cam-browser", Duration.ofSeconds(4));
            assertEquals(1, frames.size(), "the JPEG after the bad message was not published");
            assertEquals("browser", header(frames.get(0), FrameHeaders.SOURCE));
            assertTrue(!ok.closed.isDone(), "a bad message closed the stream");
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye").join();
        }
        // no credentials, another organization's camera, and a camera that is not a browser camera:
        // the socket opens and is closed at once with 1008 (the same answer for "not yours" and "none")
        assertClosedAsPolicyViolation("cam-browser", null);
        assertClosedAsPolicyViolation("cam-browser", tokens.token("u-2", "org-other", "admin"));
        assertClosedAsPolicyViolation("cam-not-browser", tokens.token("u-1", ORG, "member"));
        // a forged or expired bearer token never gets a socket: the JWT check answers the handshake with 401
        assertHandshakeRefused("cam-browser", tokens.wronglySigned("u-1", ORG, "member"));
        assertHandshakeRefused("cam-browser", tokens.expired("u-1", ORG, "member"));
    }

    /**
     * A JPEG whose header declares 30000x30000 pixels (a decompression bomb) is refused without
     * being decoded and the stream goes on; once the camera is disabled in the registry its open
     * stream is closed at the next frame and nothing more is published.
     */
    @Test
    void aBrowserStreamRefusesPixelBombsAndEndsWhenItsCameraIsDisabled() throws Exception {
        camera("cam-browser-off", ORG, CameraDefinition.Kind.BROWSER, null, 5, true);
        Await.until(() -> supervisor.camera("cam-browser-off") != null, Duration.ofSeconds(30), "ingest follows the camera registry");
        byte[] jpeg = Files.readAllBytes(photo);
        byte[] bomb = jpeg.clone();
        for (int i = 2; i + 8 < bomb.length; i++) {
            if ((bomb[i] & 0xFF) == 0xFF && ((bomb[i + 1] & 0xFF) == 0xC0 || (bomb[i + 1] & 0xFF) == 0xC2)) {
                // start of frame: length (2), precision (1), height (2), width (2)
                bomb[i + 5] = 0x75;
                bomb[i + 6] = 0x30;
                bomb[i + 7] = 0x75;
                bomb[i + 8] = 0x30;
                break;
            }
        }
        try (var reader = framesFromNow()) {
            RecordingWebSocket c = new RecordingWebSocket();
            WebSocket ws = connect("cam-browser-off", tokens.token("u-1", ORG, "member"), c);
            ws.sendBinary(ByteBuffer.wrap(bomb), true).join();
            assertTrue(c.texts.poll(10, TimeUnit.SECONDS).contains("larger than"));
            ws.sendBinary(ByteBuffer.wrap(jpeg), true).join();
            assertEquals(1, read(reader, "cam-browser-off", Duration.ofSeconds(4)).size(), "the JPEG after the bomb");

            camera("cam-browser-off", ORG, CameraDefinition.Kind.BROWSER, null, 5, false);
            Await.until(() -> !supervisor.camera("cam-browser-off").enabled(), Duration.ofSeconds(30), "the camera is disabled");
            ws.sendBinary(ByteBuffer.wrap(jpeg), true).join();
            assertEquals(1008, c.closed.get(10, TimeUnit.SECONDS));
            assertEquals(List.of(), read(reader, "cam-browser-off", Duration.ofSeconds(3)), "published after the camera was disabled");
        }
    }

    /**
     * Finding (medium, issue 16): a WebSocket was checked only at its handshake, and ingest accepted
     * revoked tokens until they expired. Now a stream ends at the first frame after its user is
     * disabled (a revocation of the subject on the topic), and the status API refuses a signed-out token.
     */
    @Test
    void aStreamEndsAtTheNextFrameOnceItsUserIsRevokedAndSignedOutTokensAreRefused() throws Exception {
        camera("cam-browser-rev", ORG, CameraDefinition.Kind.BROWSER, null, 5, true);
        Await.until(() -> supervisor.camera("cam-browser-rev") != null, Duration.ofSeconds(30), "ingest follows the camera registry");
        byte[] jpeg = Files.readAllBytes(photo);
        try (var reader = framesFromNow()) {
            RecordingWebSocket c = new RecordingWebSocket();
            String leaver = tokens.token("u-leaver", ORG, "member");
            WebSocket ws = connect("cam-browser-rev", leaver, c);
            // the server has registered the stream once it answers
            ws.sendBinary(ByteBuffer.wrap("not a JPEG".getBytes(StandardCharsets.US_ASCII)), true).join();
            assertTrue(c.texts.poll(10, TimeUnit.SECONDS).contains("not a JPEG"));
            ws.sendBinary(ByteBuffer.wrap(jpeg), true).join();
            // the first frame of a fresh producer may take its metadata and login first
            List<ConsumerRecord<String, byte[]>> before = new ArrayList<>();
            Await.until(() -> before.addAll(read(reader, "cam-browser-rev", Duration.ofMillis(200))) || !before.isEmpty(),
                    Duration.ofSeconds(20), "streaming before the revocation");

            revoke(Revocation.subject("u-leaver", Instant.now(), Duration.ofMinutes(15)));
            Await.until(() -> {
                ws.sendBinary(ByteBuffer.wrap(jpeg), true);
                return c.closed.isDone();
            }, Duration.ofSeconds(20), "the stream closed after the user was disabled");
            assertEquals(4001, c.closed.get());
            // a new socket with the same token is refused at once
            assertClosedAsPolicyViolation("cam-browser-rev", leaver);
        }
        String signedOut = tokens.token("admin-i", ORG, "admin");
        given().auth().oauth2(signedOut).get("/api/v1/cameras/status").then().statusCode(200);
        revoke(Revocation.token(TestTokens.claim(signedOut, "jti"), Instant.now().plusSeconds(600)));
        Await.until(() -> given().auth().oauth2(signedOut).get("/api/v1/cameras/status").statusCode() == 401,
                Duration.ofSeconds(20), "the signed-out token refused by the status API");
    }

    private void revoke(Revocation r) throws Exception {
        try (var p = new KafkaProducer<>(kafka.clientSettings(), new StringSerializer(), new ByteArraySerializer())) {
            p.send(new ProducerRecord<>(Topics.REVOCATIONS, r.key(), CODEC.encode(r))).get();
        }
    }


    private void assertClosedAsPolicyViolation(String cameraId, String token) throws Exception {
        RecordingWebSocket c = new RecordingWebSocket();
        connect(cameraId, token, c);
        assertEquals(1008, c.closed.get(10, TimeUnit.SECONDS));
    }

    private void assertHandshakeRefused(String cameraId, String token) {
        java.util.concurrent.CompletionException e = org.junit.jupiter.api.Assertions.assertThrows(
                java.util.concurrent.CompletionException.class, () -> connect(cameraId, token, new RecordingWebSocket()));
        assertTrue(String.valueOf(e.getCause()).contains("401") || String.valueOf(e.getCause().getCause()).contains("401"),
                "the handshake failed for another reason: " + e);
    }

    @Test
    void statusNeedsAValidToken() {
        given().auth().oauth2(tokens.expired("admin-i", ORG, "admin")).get("/api/v1/cameras/status").then().statusCode(401);
        given().auth().oauth2(tokens.token("admin-i", ORG, "admin")).get("/api/v1/cameras/status").then().statusCode(200)
                .body("findAll { it.orgId != '" + ORG + "' }", hasSize(0));
        given().get("/q/health/ready").then().body("status", equalTo("UP"));
    }

    /**
     * Issue 19: the OpenAPI document is public at /q/openapi, lists every operation of every
     * resource of this service, declares the bearer scheme; Swagger UI is served.
     */
    @org.junit.jupiter.api.Test
    void theOpenApiDocumentListsEveryResource() {
        org.rollcall.testkit.OpenApiCoverage.assertListsEveryResource(getClass(), c -> true);
    }
}
