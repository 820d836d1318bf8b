package dev.portcullis.captcha;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import dev.portcullis.testing.AccountFlowTest;
import dev.portcullis.testing.IntegrationTest;

/**
 * LOG-5 "only after N failures" on the real sign-in route: after three failed sign-ins naming one
 * email, known or not, the next needs a solved CAPTCHA; a success starts the count again. The
 * escalation used instead of a lockout (LOG-3) is this mode with the lockout switched off.
 */
@IntegrationTest
@TestPropertySource(properties = { "portcullis.mail.poll-interval=200ms", "db-scheduler.polling-interval=200ms",
        "portcullis.lockout.enabled=false" })
class CaptchaAfterFailuresIT extends AccountFlowTest {

    static final FakeTurnstile turnstile = FakeTurnstile.start();

    @DynamicPropertySource
    static void captchaAfterFailures(DynamicPropertyRegistry registry) {
        registry.add("portcullis.captcha.mode", () -> "after-failures");
        registry.add("portcullis.captcha.after-failures", () -> "3");
        registry.add("portcullis.captcha.site-key", () -> CaptchaIT.SITE_KEY);
        registry.add("portcullis.captcha.secret-key", () -> CaptchaIT.SECRET);
        registry.add("portcullis.captcha.verify-url", turnstile::url);
    }

    @AfterAll
    static void stopTurnstile() {
        turnstile.close();
    }

    @BeforeEach
    void reset() {
        turnstile.passes();
        turnstile.forget();
    }

    private static String newEmail() {
        return "after-" + System.nanoTime() + "@example.com";
    }

    private HttpResponse<String> loginWithCaptcha(String email, String password) {
        return http.postJson("/api/v1/auth/login", "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}",
                Captcha.HEADER, CaptchaIT.TOKEN);
    }

    private static void assertCaptchaRequired(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(response.body()).contains("\"code\":\"captcha_required\"");
    }

    @Test
    void afterThreeFailuresTheNextSignInNeedsACaptchaEvenWithTheRightPassword_LOG5() {
        String email = signedUp(newEmail());
        for (int i = 0; i < 3; i++) {
            assertThat(login(email, "wrong " + i).statusCode()).isEqualTo(401);
        }

        assertCaptchaRequired(login(email, PASSWORD));
        assertThat(loginWithCaptcha(email, PASSWORD).statusCode()).isEqualTo(200);
        // The success started the count again.
        assertThat(login(email, "wrong again").statusCode()).isEqualTo(401);
        assertThat(turnstile.received()).hasSize(1);
    }

    @Test
    void anUnknownEmailIsTreatedExactlyAsAKnownOne_LOG5_LOG1() {
        String unknown = newEmail();
        for (int i = 0; i < 3; i++) {
            assertThat(login(unknown, "guess " + i).statusCode()).isEqualTo(401);
        }

        assertCaptchaRequired(login(unknown, "guess 4"));
        assertThat(loginWithCaptcha(unknown, "guess 5").statusCode()).isEqualTo(401);
        // Other accounts are not affected.
        assertThat(login(newEmail(), "guess").statusCode()).isEqualTo(401);
    }

    @Test
    void withTheLockoutOffTheCaptchaIsTheEscalation_LOG3_LOG5() {
        String email = signedUp(newEmail());
        for (int i = 0; i < 12; i++) {
            assertThat(loginWithCaptcha(email, "wrong " + i).statusCode()).isEqualTo(401);
        }

        assertCaptchaRequired(login(email, PASSWORD));
        assertThat(loginWithCaptcha(email, PASSWORD).statusCode()).isEqualTo(200);
    }
}
