package dev.portcullis.mfa;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;

import org.junit.jupiter.api.Test;

/** MFA-1: the test generator matches RFC 6238's vectors; the production TOTP agrees with it. */
class TotpTest {

    private static final byte[] RFC_SEED = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);

    @Test
    void testGeneratorMatchesRfc6238AppendixBVectors_MFA1() {
        long[] times = { 59L, 1111111109L, 1111111111L, 1234567890L, 2000000000L, 20000000000L };
        String[] expected = { "94287082", "07081804", "14050471", "89005924", "69279037", "65353130" };
        for (int i = 0; i < times.length; i++) {
            assertThat(TestTotp.code(RFC_SEED, times[i] / 30, 8, "HmacSHA1")).as("T=" + times[i])
                    .isEqualTo(expected[i]);
        }
    }

    @Test
    void acceptsTheCurrentStepAndOneEitherSideOnly_MFA1() {
        byte[] secret = new byte[20];
        new SecureRandom().nextBytes(secret);
        Instant now = Instant.parse("2026-11-23T12:00:15Z");
        long step = Totp.stepAt(now);
        Totp totp = new Totp();
        for (long offset = -1; offset <= 1; offset++) {
            String code = TestTotp.code(secret, step + offset, 6, "HmacSHA1");
            assertThat(totp.matchingStep(secret, code, now)).hasValue(step + offset);
        }
        assertThat(totp.matchingStep(secret, TestTotp.code(secret, step + 2, 6, "HmacSHA1"), now)).isEmpty();
        assertThat(totp.matchingStep(secret, TestTotp.code(secret, step - 2, 6, "HmacSHA1"), now)).isEmpty();
        assertThat(totp.matchingStep(secret, "12345", now)).isEmpty();
        assertThat(totp.matchingStep(secret, "abcdef", now)).isEmpty();
        assertThat(totp.matchingStep(secret, null, now)).isEmpty();
    }

    @Test
    void base32RoundTripsWithTheTestDecoder() {
        byte[] secret = new byte[20];
        new SecureRandom().nextBytes(secret);
        String encoded = Base32.encode(secret);
        assertThat(encoded).hasSize(32).matches("[A-Z2-7]+");
        assertThat(TestTotp.base32Decode(encoded)).isEqualTo(secret);
    }
}
