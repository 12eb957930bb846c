package org.rollcall.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class CameraCredentialsTest {
    private final CameraCredentials key = CameraCredentials.fromSecret("a-local-secret-of-more-than-32-characters");

    @ParameterizedTest
    @CsvSource({
            "rtsp://user:pa%40ss@cam.example/live, rtsp://cam.example/live, user:pa%40ss",
            "rtsp://admin:x@10.0.0.5:554/Streaming/101?transport=tcp, rtsp://10.0.0.5:554/Streaming/101?transport=tcp, admin:x",
            "http://u:p@cam.local, http://cam.local, u:p",
            "http://cam.local/a@b, http://cam.local/a@b, ",
            "rtsp://cam.example/live, rtsp://cam.example/live, "})
    void urlsSplitIntoABareUrlAndCredentialsAndJoinBack(String url, String bare, String userInfo) {
        CameraCredentials.Split s = CameraCredentials.split(url);
        assertEquals(bare, s.url());
        assertEquals(userInfo, s.userInfo());
        assertEquals(url, CameraCredentials.join(s.url(), s.userInfo()));
    }

    @Test
    void sealedCredentialsOpenOnlyWithTheKeyAndForTheirCamera() {
        String sealed = key.seal("cam-1", "user:secret");
        assertFalse(sealed.contains("secret"));
        assertEquals("user:secret", key.open("cam-1", sealed));
        assertFalse(sealed.equals(key.seal("cam-1", "user:secret")), "a fresh nonce each time");
        assertThrows(IllegalArgumentException.class, () -> key.open("cam-2", sealed), "moved to another camera");
        CameraCredentials other = CameraCredentials.fromSecret("another-secret-of-more-than-32-characters!!");
        assertThrows(IllegalArgumentException.class, () -> other.open("cam-1", sealed), "another key");
        String tampered = sealed.substring(0, sealed.length() - 2) + (sealed.endsWith("A") ? "BB" : "AA");
        assertThrows(IllegalArgumentException.class, () -> key.open("cam-1", tampered));
        assertThrows(IllegalArgumentException.class, () -> CameraCredentials.fromSecret("short"));
        assertNull(CameraCredentials.split("not a url").userInfo());
    }
}
