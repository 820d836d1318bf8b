package dev.portcullis.config;

import java.util.Base64;
import java.util.BitSet;
import java.util.Optional;

/**
 * Parses and judges a master secret: base64 (standard or URL-safe) of at least 32 bytes with
 * enough distinct byte values to rule out "aaaa…" or a repeated short word.
 */
final class MasterSecretValue {

    static final int MIN_BYTES = 32;
    private static final int MIN_DISTINCT_BYTES = 16;

    private MasterSecretValue() {
    }

    /** The decoded bytes, or empty when the value is not base64 of a strong enough secret. */
    static Optional<byte[]> decodeStrong(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String trimmed = value.strip();
        byte[] bytes;
        try {
            bytes = trimmed.contains("-") || trimmed.contains("_")
                    ? Base64.getUrlDecoder().decode(trimmed)
                    : Base64.getDecoder().decode(trimmed);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (bytes.length < MIN_BYTES) {
            return Optional.empty();
        }
        BitSet seen = new BitSet(256);
        for (byte b : bytes) {
            seen.set(b & 0xff);
        }
        return seen.cardinality() < MIN_DISTINCT_BYTES ? Optional.empty() : Optional.of(bytes);
    }
}
