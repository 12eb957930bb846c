package org.rollcall.attendance.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signature a receiver checks: HMAC-SHA256 with the webhook's secret over
 * {@code <timestamp>.<body>}, sent as {@code Rollcall-Signature: sha256=<hex>} beside
 * {@code Rollcall-Timestamp} (seconds since the epoch; a receiver refuses old ones, so a captured
 * request cannot be replayed later).
 */
public final class WebhookSignature {
    private WebhookSignature() {
    }

    public static String of(String secret, long timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((timestamp + ".").getBytes(StandardCharsets.US_ASCII));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
