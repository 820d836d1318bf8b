package dev.portcullis.shared;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;

/**
 * Generates, hashes and compares opaque secrets (verification and reset tokens, refresh tokens,
 * CSP nonces). PWD-4: every unguessable value comes from the one injected {@link SecureRandom}
 * and carries at least 128 bits; only the SHA-256 hash is stored, so a database leak reveals no
 * usable token; comparisons are constant-time.
 */
public final class SecretTokens {

    /** 256 bits: comfortably above PWD-4's floor of 128. */
    public static final int DEFAULT_BYTES = 32;
    private static final int MIN_BYTES = 16;
    private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();

    private final SecureRandom random;

    public SecretTokens(SecureRandom random) {
        this.random = Objects.requireNonNull(random);
    }

    /** A new URL-safe token of {@link #DEFAULT_BYTES} random bytes. */
    public String newToken() {
        return newToken(DEFAULT_BYTES);
    }

    public String newToken(int bytes) {
        if (bytes < MIN_BYTES) {
            throw new IllegalArgumentException("a secret needs at least 128 bits");
        }
        return URL.encodeToString(randomBytes(bytes));
    }

    public byte[] randomBytes(int count) {
        byte[] out = new byte[count];
        random.nextBytes(out);
        return out;
    }

    /**
     * SHA-256 of the token, URL-safe base64. A plain hash (not a password hash) is right here: the
     * input already has >= 128 bits of entropy, so there is nothing to brute-force.
     */
    public static String hash(String token) {
        return URL.encodeToString(sha256(token.getBytes(StandardCharsets.UTF_8)));
    }

    /** Constant-time comparison of two secrets (or of their hashes). */
    public static boolean constantTimeEquals(String a, String b) {
        if (a == null || b == null) {
            return false;
        }
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    static byte[] sha256(byte[] input) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(input);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK ships SHA-256", e);
        }
    }
}
