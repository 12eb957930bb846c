package org.rollcall.identity.org;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.rollcall.events.CameraDefinition.Kind;

/** Which camera addresses the portal accepts for each kind of camera, and what it says otherwise. */
class CameraUrlTest {
    @ParameterizedTest(name = "{0} {1} accepted")
    @CsvSource({
        "RTSP, rtsp://10.0.0.5:554/stream1",
        "RTSP, rtsps://cam.example/live",
        "RTSP, rtsp://user:pa%40ss@cam.example/live",
        "RTSP, '  rtsp://cam.example/live  '",
        "HTTP, http://cam.example/mjpg/video.mjpg",
        "HTTP, https://cam.example:8443/snap",
        "USB, /dev/video0",
        "USB, /dev/video12",
        "FILE, /srv/videos/lobby.mp4"})
    void accepted(Kind kind, String url) {
        assertNull(OrgService.urlProblem(kind, url));
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource(delimiter = '|', value = {
        "RTSP|http://cam.example/live|An RTSP address starts with rtsp://",
        "RTSP|file:///etc/passwd|An RTSP address starts with rtsp://",
        "RTSP|rtsp:///nohost|The address has no host.",
        "RTSP|rtsp://bad host/x|The address is not valid.",
        "HTTP|rtsp://cam.example/live|An HTTP address starts with http:// or https://",
        "HTTP|ftp://cam.example/x|An HTTP address starts with http:// or https://",
        "HTTP|http://|The address is not valid.",
        "USB|/dev/sda|A USB camera is a device such as /dev/video0",
        "USB|video0|A USB camera is a device such as /dev/video0",
        "FILE|videos/lobby.mp4|A video file is an absolute path on the ingest machine",
        "FILE|http://cam.example/a.mp4|A video file is an absolute path on the ingest machine"})
    void refusedWithAReason(Kind kind, String url, String reason) {
        assertEquals(reason, OrgService.urlProblem(kind, url));
    }

    @ParameterizedTest(name = "empty address for {0}")
    @ValueSource(strings = {"RTSP", "HTTP", "USB", "FILE"})
    void anAddressIsRequired(String kind) {
        assertEquals("Enter the camera's address.", OrgService.urlProblem(Kind.valueOf(kind), " "));
        assertEquals("Enter the camera's address.", OrgService.urlProblem(Kind.valueOf(kind), null));
        assertEquals("Enter the camera's address.", OrgService.urlProblem(Kind.valueOf(kind), "rtsp://h/" + "x".repeat(2000)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"anything", "file:///etc/passwd"})
    void aBrowserCameraHasNoAddressToCheck(String url) {
        // saveCamera never asks for a browser camera (it has no address); nothing is opened from one
        assertNull(OrgService.urlProblem(Kind.BROWSER, url));
    }
}
