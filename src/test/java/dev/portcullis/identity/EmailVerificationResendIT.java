package dev.portcullis.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** ACC-3 over real HTTP: one answer for everyone; mail only when the cooldown and the daily cap allow. */
class EmailVerificationResendIT extends AccountsHttpTest {

    private static final String TEMPLATE = "verify-email";

    @Test
    @DisplayName("ACC-3: unknown, unverified, verified and malformed-case addresses get the same 202 and body")
    void resendEnumerationParity() {
        String unverified = newAddress();
        register(unverified, STRONG_PASSWORD);
        String verified = newAddress();
        verifiedUser(verified, STRONG_PASSWORD);
        CLOCK.advance(Duration.ofSeconds(61));

        HttpResponse<String> forUnknown = resend(newAddress());
        HttpResponse<String> forUnverified = resend(unverified.toUpperCase(java.util.Locale.ROOT));
        HttpResponse<String> forVerified = resend(verified);
        HttpResponse<String> withinCooldown = resend(unverified);

        for (HttpResponse<String> r : new HttpResponse[] { forUnverified, forVerified, withinCooldown }) {
            assertThat(r.statusCode()).isEqualTo(forUnknown.statusCode()).isEqualTo(202);
            assertThat(r.body()).isEqualTo(forUnknown.body()).isEqualTo("{\"status\":\"verification_sent\"}");
        }
        assertThat(queued(unverified, TEMPLATE)).as("sign-up + one resend").isEqualTo(2);
        assertThat(queued(verified, TEMPLATE)).as("sign-up only").isEqualTo(1);
    }

    @Test
    @DisplayName("ACC-3: no second mail within 60 s; at most 3 resends a day; the newest link verifies")
    void resendCooldownAndDailyCap() {
        String email = newAddress();
        register(email, STRONG_PASSWORD);

        resend(email);
        assertThat(queued(email, TEMPLATE)).as("within the cooldown of the sign-up mail").isEqualTo(1);
        for (int i = 1; i <= 3; i++) {
            CLOCK.advance(Duration.ofSeconds(61));
            resend(email);
            resend(email);
            assertThat(queued(email, TEMPLATE)).as("resend %d, then one within its cooldown", i).isEqualTo(1 + i);
        }
        CLOCK.advance(Duration.ofSeconds(61));
        assertThat(resend(email).statusCode()).isEqualTo(202);
        assertThat(queued(email, TEMPLATE)).as("the daily cap").isEqualTo(4);

        CLOCK.advance(Duration.ofHours(24));
        resend(email);
        assertThat(queued(email, TEMPLATE)).as("a new day").isEqualTo(5);
        String newest = tokenFrom(awaitMails(email, "Confirm your email address", 5).get(0), "/verify-email");
        assertThat(http.postJson("/api/v1/auth/verify-email", "{\"token\":\"" + newest + "\"}").statusCode())
                .isEqualTo(204);
    }

    private HttpResponse<String> resend(String email) {
        return http.postJson("/api/v1/auth/verify-email/resend", "{\"email\":\"" + email + "\"}");
    }
}
