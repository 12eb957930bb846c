package org.rollcall.identity.account;

import java.security.SecureRandom;

/** Random ids and secrets: unguessable, and in the alphabet other services accept in keys. */
public final class Ids {
    private static final char[] ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private Ids() {
    }

    public static String id(String prefix) {
        return prefix + "-" + random(12);
    }

    public static String secret() {
        return random(40);
    }

    private static String random(int n) {
        char[] c = new char[n];
        for (int i = 0; i < n; i++) {
            c[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
        }
        return new String(c);
    }

    /** SHA-256 hex: how invite and API-key secrets are stored. */
    public static String sha256(String s) {
        return sha256(s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** SHA-256 hex of bytes (a photo's content, for idempotent imports). */
    public static String sha256(byte[] data) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(data));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
