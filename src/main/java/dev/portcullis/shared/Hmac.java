package dev.portcullis.shared;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.SecretKey;

/** HMAC-SHA256 with a key derived for one purpose (config.MasterSecret#deriveKey). */
public final class Hmac {

    public static final String ALGORITHM = "HmacSHA256";

    private Hmac() {
    }

    /** The MAC of the UTF-8 bytes of {@code value}. */
    public static byte[] sha256(SecretKey key, String value) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac.doFinal(value.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(ALGORITHM + " is unavailable", e);
        }
    }

    /** {@link #sha256}, base64url without padding. */
    public static String sha256Base64Url(SecretKey key, String value) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(sha256(key, value));
    }
}
