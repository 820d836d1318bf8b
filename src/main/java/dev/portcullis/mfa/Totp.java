package dev.portcullis.mfa;

import java.security.InvalidKeyException;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;

import javax.crypto.spec.SecretKeySpec;

import com.eatthepath.otp.TimeBasedOneTimePasswordGenerator;

import dev.portcullis.shared.SecretTokens;

/**
 * RFC 6238 TOTP with the parameters every authenticator app understands: HMAC-SHA1, 6 digits,
 * 30-second steps (RFC 6238 section 4, the defaults of the otpauth URI format). A code is checked
 * against the current step and one step either side (RFC 6238 section 5.2: clock drift and
 * network delay), always all three in constant time.
 */
final class Totp {

    static final Duration PERIOD = Duration.ofSeconds(30);
    static final int DIGITS = 6;
    static final String ALGORITHM = "SHA1";
    /** RFC 4226 section 4 R6: at least 128 bits, 160 recommended. */
    static final int SECRET_BYTES = 20;
    private static final int WINDOW = 1;

    private final TimeBasedOneTimePasswordGenerator generator = new TimeBasedOneTimePasswordGenerator(PERIOD, DIGITS,
            TimeBasedOneTimePasswordGenerator.TOTP_ALGORITHM_HMAC_SHA1);

    static long stepAt(Instant now) {
        return Math.floorDiv(now.getEpochSecond(), PERIOD.toSeconds());
    }

    /** The time step whose code {@code code} is, within the ±1 window around {@code now}; empty if none. */
    OptionalLong matchingStep(byte[] secret, String code, Instant now) {
        if (code == null || code.length() != DIGITS || !code.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return OptionalLong.empty();
        }
        SecretKeySpec key = new SecretKeySpec(secret, generator.getAlgorithm());
        long current = stepAt(now);
        long matched = -1;
        for (long step = current - WINDOW; step <= current + WINDOW; step++) {
            String expected = codeAt(key, step);
            // No early exit: every candidate is computed and compared whatever matches.
            if (SecretTokens.constantTimeEquals(expected, code) && matched < 0) {
                matched = step;
            }
        }
        return matched < 0 ? OptionalLong.empty() : OptionalLong.of(matched);
    }

    private String codeAt(SecretKeySpec key, long step) {
        try {
            int value = generator.generateOneTimePassword(key, Instant.ofEpochSecond(step * PERIOD.toSeconds()));
            return String.format("%0" + DIGITS + "d", value);
        } catch (InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA1 refused a TOTP key", e);
        }
    }
}
