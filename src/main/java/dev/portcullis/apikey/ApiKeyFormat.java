package dev.portcullis.apikey;

import java.util.HexFormat;
import java.util.Optional;

/**
 * KEY-1: {@code pc_<public id>_<secret>}. The public id is 8 random bytes in lower-case hex (no
 * underscore, so the key splits unambiguously); the secret is 32 random bytes in base64url (43
 * characters, which may contain {@code _}). The {@code pc_} prefix lets secret scanners and the
 * request guard recognise a Portcullis key at a glance.
 */
final class ApiKeyFormat {

    static final String PREFIX = "pc_";
    static final int PUBLIC_ID_BYTES = 8;
    static final int SECRET_BYTES = 32;
    private static final int PUBLIC_ID_CHARS = PUBLIC_ID_BYTES * 2;
    private static final int SECRET_CHARS = 43;
    /** Longest string worth looking at: anything longer is not a key. */
    static final int LENGTH = PREFIX.length() + PUBLIC_ID_CHARS + 1 + SECRET_CHARS;

    private ApiKeyFormat() {
    }

    static String format(String publicId, String secret) {
        return PREFIX + publicId + "_" + secret;
    }

    static String prefix(String publicId) {
        return PREFIX + publicId;
    }

    static String publicId(byte[] random) {
        return HexFormat.of().formatHex(random);
    }

    /** The public id of a well-formed key, or empty for anything else. */
    static Optional<String> parsePublicId(String presented) {
        if (presented == null || presented.length() != LENGTH || !presented.startsWith(PREFIX)
                || presented.charAt(PREFIX.length() + PUBLIC_ID_CHARS) != '_') {
            return Optional.empty();
        }
        String publicId = presented.substring(PREFIX.length(), PREFIX.length() + PUBLIC_ID_CHARS);
        for (int i = 0; i < publicId.length(); i++) {
            char c = publicId.charAt(i);
            if (!(c >= '0' && c <= '9') && !(c >= 'a' && c <= 'f')) {
                return Optional.empty();
            }
        }
        for (int i = PREFIX.length() + PUBLIC_ID_CHARS + 1; i < presented.length(); i++) {
            char c = presented.charAt(i);
            if (!(c >= '0' && c <= '9') && !(c >= 'a' && c <= 'z') && !(c >= 'A' && c <= 'Z') && c != '-' && c != '_') {
                return Optional.empty();
            }
        }
        return Optional.of(publicId);
    }
}
