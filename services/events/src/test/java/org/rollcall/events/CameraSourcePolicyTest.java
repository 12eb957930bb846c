package org.rollcall.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.rollcall.events.CameraDefinition.Kind;

/**
 * Finding (high) "any tenant admin controls what frame-ingest opens": the sources the attacker
 * registered (host files, the services' own ports, cloud metadata) and their variants are refused
 * by the default policy, and what an operator lists is allowed.
 */
class CameraSourcePolicyTest {
    static final CameraSourcePolicy DEFAULT = CameraSourcePolicy.of(List.of(), List.of(), List.of());

    @ParameterizedTest(name = "{0} {1} refused")
    @CsvSource({
        "FILE, /etc/hostname",
        "FILE, /etc/shadow",
        "FILE, relative/video.mp4",
        "USB, /dev/sda",
        "USB, /dev/video0/../../etc/shadow",
        "HTTP, http://127.0.0.1:8083/q/metrics",
        "HTTP, http://localhost:8082/api/v1/templates",
        "HTTP, http://169.254.169.254/latest/meta-data/",
        "HTTP, http://[::1]:8080/",
        "HTTP, http://[::ffff:127.0.0.1]:8083/",
        "HTTP, http://0.0.0.0:8083/",
        "HTTP, http://2130706433/",
        "HTTP, http://100.64.0.1/",
        "RTSP, rtsp://10.0.0.5:554/stream1",
        "RTSP, rtsp://192.168.1.20/live",
        "RTSP, rtsp://[fd00::5]/live",
        "HTTP, file:///etc/passwd",
        "RTSP, http://cam.example/live"})
    void refusedByDefault(Kind kind, String url) {
        assertNotNull(DEFAULT.refusal(kind, url, true), kind + " " + url);
    }

    @ParameterizedTest(name = "{0} {1} allowed")
    @CsvSource({
        "HTTP, http://93.184.216.34/mjpg/video.mjpg",
        "RTSP, rtsps://[2001:4860:4860::8888]/live",
        "USB, /dev/video0",
        "BROWSER, ''"})
    void publicAddressesAndDevicesAreAllowed(Kind kind, String url) {
        assertNull(DEFAULT.refusal(kind, url, false));
    }

    @Test
    void anOperatorListsTheCameraNetworksAndVideoFolders(@TempDir Path dir) throws Exception {
        Path videos = Files.createDirectories(dir.resolve("videos"));
        Files.writeString(videos.resolve("lobby.mp4"), "not really a video");
        Files.createSymbolicLink(videos.resolve("escape.mp4"), Path.of("/etc/hostname"));
        CameraSourcePolicy site = CameraSourcePolicy.of(List.of(), List.of(videos.toString()), List.of("10.0.0.0/8", "fd00::/8"));
        assertNull(site.refusal(Kind.RTSP, "rtsp://user:pass@10.0.0.5:554/stream1", false));
        assertNull(site.refusal(Kind.RTSP, "rtsp://[fd00::5]/live", false));
        assertNotNull(site.refusal(Kind.RTSP, "rtsp://192.168.1.20/live", false), "a network that is not listed");
        assertNotNull(site.refusal(Kind.HTTP, "http://127.0.0.1:8083/", false), "loopback is not in 10/8");
        assertNull(site.refusal(Kind.FILE, videos.resolve("lobby.mp4").toString(), false));
        assertNotNull(site.refusal(Kind.FILE, videos.resolve("../../etc/hostname").toString(), false), "a path leaving the root");
        assertNotNull(site.refusal(Kind.FILE, videos.resolve("escape.mp4").toString(), false), "a link leaving the root");
    }

    @Test
    void ingestRefusesANameThatDoesNotResolveAndIdentityLetsTheSiteDecide() {
        assertNotNull(DEFAULT.refusal(Kind.HTTP, "http://cam.invalid/x", false));
        assertNull(DEFAULT.refusal(Kind.HTTP, "http://cam.invalid/x", true));
    }

    @Test
    void onlyTheListedKinds() {
        CameraSourcePolicy noFiles = CameraSourcePolicy.of(List.of("RTSP", "BROWSER"), List.of("/"), List.of());
        assertTrue(noFiles.refusal(Kind.FILE, "/srv/a.mp4", false).contains("not allowed"));
        assertNull(noFiles.refusal(Kind.BROWSER, "", false));
    }

    @Test
    void networksAndFfmpegProtocols() throws Exception {
        assertTrue(CameraSourcePolicy.Network.parse("192.168.0.0/16").contains(InetAddress.getByName("192.168.200.1")));
        assertTrue(!CameraSourcePolicy.Network.parse("192.168.0.0/17").contains(InetAddress.getByName("192.168.200.1")));
        assertEquals("file", CameraSourcePolicy.protocols(Kind.FILE));
        assertTrue(!CameraSourcePolicy.protocols(Kind.HTTP).contains("file"));
    }
}
