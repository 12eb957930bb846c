package org.rollcall.events;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * A camera URL's credentials ({@code user:password} of {@code rtsp://user:password@host/...})
 * sealed with AES-256-GCM under a key only identity and frame-ingest hold, so they never travel
 * or rest in clear on rollcall.cameras.v1 (which recognition and attendance read too, and Kafka
 * keeps forever). The camera id is authenticated with them: sealed credentials moved to another
 * camera do not open. The key is derived (SHA-256) from a secret of at least 32 characters.
 */
public final class CameraCredentials {
    private static final String PREFIX = "v1.";
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();

    private CameraCredentials(SecretKeySpec key) {
        this.key = key;
    }

    /** From the shared secret ({@code rollcall.cameras.credentials-key}). */
    public static CameraCredentials fromSecret(String secret) {
        if (secret == null || secret.strip().length() < 32) {
            throw new IllegalArgumentException("the camera credentials key must be at least 32 characters");
        }
        try {
            byte[] k = MessageDigest.getInstance("SHA-256").digest(secret.strip().getBytes(StandardCharsets.UTF_8));
            return new CameraCredentials(new SecretKeySpec(k, "AES"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public String seal(String cameraId, String userInfo) {
        try {
            byte[] iv = new byte[IV_BYTES];
            random.nextBytes(iv);
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            c.updateAAD(cameraId.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = c.doFinal(userInfo.getBytes(StandardCharsets.UTF_8));
            return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(ByteBuffer.allocate(iv.length + sealed.length)
                    .put(iv).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("could not seal camera credentials", e);
        }
    }

    /** The credentials, or an exception when they were sealed under another key or for another camera. */
    public String open(String cameraId, String sealed) {
        if (sealed == null || !sealed.startsWith(PREFIX)) {
            throw new IllegalArgumentException("not sealed camera credentials");
        }
        try {
            byte[] all = Base64.getUrlDecoder().decode(sealed.substring(PREFIX.length()));
            if (all.length <= IV_BYTES) {
                throw new IllegalArgumentException("sealed camera credentials are truncated");
            }
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, all, 0, IV_BYTES));
            c.updateAAD(cameraId.getBytes(StandardCharsets.UTF_8));
            return new String(c.doFinal(all, IV_BYTES, all.length - IV_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("the camera credentials cannot be opened with this key (or belong to another camera)");
        }
    }

    /** The URL without its credentials, and the credentials (null when it has none). */
    public record Split(String url, String userInfo) {
    }

    public static Split split(String url) {
        int scheme = url.indexOf("://");
        if (scheme < 0) {
            return new Split(url, null);
        }
        int hostStart = scheme + 3;
        int authorityEnd = url.length();
        for (char c : new char[] {'/', '?', '#'}) {
            int i = url.indexOf(c, hostStart);
            if (i >= 0 && i < authorityEnd) {
                authorityEnd = i;
            }
        }
        int at = url.lastIndexOf('@', authorityEnd - 1);
        if (at < hostStart) {
            return new Split(url, null);
        }
        return new Split(url.substring(0, hostStart) + url.substring(at + 1), url.substring(hostStart, at));
    }

    /** The URL with the credentials put back (as they were written, percent-encoding included). */
    public static String join(String url, String userInfo) {
        int scheme = url.indexOf("://");
        if (userInfo == null || scheme < 0) {
            return url;
        }
        return url.substring(0, scheme + 3) + userInfo + "@" + url.substring(scheme + 3);
    }
}
