package dev.portcullis.captcha;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Import;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.portcullis.shared.RequestOrigin;
import dev.portcullis.testing.HttpTest;
import dev.portcullis.testing.IntegrationTest;
import dev.portcullis.shared.RouteAccess;

/**
 * LOG-5 and WEB-3 with the CAPTCHA on, over the real HTTP stack: the pages' CSP, the settings
 * endpoint, and a protected route wired as the sign-in, sign-up and forgot-password controllers
 * will be (header → {@link Captcha#verify}) against a fake siteverify.
 */
@IntegrationTest
@Import(CaptchaIT.ProtectedRoute.class)
@ExtendWith(OutputCaptureExtension.class)
class CaptchaIT extends HttpTest {

    static final String SITE_KEY = "1x00000000000000000000AA";
    static final String SECRET = "0x4AAAAAAAit-secret-never-shown";
    static final String TOKEN = "XXXX.DUMMY.TOKEN.XXXX-from-the-widget";
    static final FakeTurnstile turnstile = FakeTurnstile.start();

    @Autowired
    JsonMapper json;

    @DynamicPropertySource
    static void captchaOn(DynamicPropertyRegistry registry) {
        registry.add("portcullis.captcha.mode", () -> "always");
        registry.add("portcullis.captcha.site-key", () -> SITE_KEY);
        registry.add("portcullis.captcha.secret-key", () -> SECRET);
        registry.add("portcullis.captcha.verify-url", turnstile::url);
        registry.add("portcullis.captcha.timeout", () -> "500ms");
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

    /** A route that needs a solved CAPTCHA, as the auth controllers will call it. */
    @TestConfiguration(proxyBeanMethods = false)
    static class ProtectedRoute {

        @RouteAccess(RouteAccess.PUBLIC)
        @RestController
        static class ProtectedController {

            private final Captcha captcha;

            ProtectedController(Captcha captcha) {
                this.captcha = captcha;
            }

            @PostMapping("/api/v1/probe/captcha")
            ResponseEntity<Void> protectedAction(@RequestHeader(name = Captcha.HEADER, required = false) String token,
                    RequestOrigin origin) {
                captcha.verify(token, origin);
                return ResponseEntity.noContent().build();
            }
        }
    }

    private HttpResponse<String> protectedCall(String... headers) {
        return http.postJson("/api/v1/probe/captcha", "{}", headers);
    }

    private JsonNode problem(HttpResponse<String> response, int status, String code) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(response.body()).doesNotContain(SECRET, TOKEN);
        JsonNode problem = json.readTree(response.body());
        assertThat(problem.get("code").asString()).isEqualTo(code);
        return problem;
    }

    @Test
    @DisplayName("WEB-3/LOG-5: with the CAPTCHA on, pages may load Turnstile's script and frame, and nothing else changes")
    void pageCspAllowsTurnstileWhenOn() {
        String csp = http.get("/login").headers().firstValue("Content-Security-Policy").orElseThrow();

        assertThat(csp).containsPattern("script-src 'nonce-[A-Za-z0-9_-]{22,}' 'strict-dynamic' "
                + "https://challenges\\.cloudflare\\.com;")
                .contains("frame-src 'self' https://challenges.cloudflare.com;", "frame-ancestors 'none'",
                        "object-src 'none'", "base-uri 'none'")
                .doesNotContain("unsafe-inline");
    }

    @Test
    @DisplayName("LOG-5: the settings endpoint answers mode and site key to anonymous callers, never the secret")
    void settingsEndpointServesModeAndSiteKeyButNeverTheSecret() {
        HttpResponse<String> response = http.get("/api/v1/auth/captcha");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = json.readTree(response.body());
        assertThat(body.get("mode").asString()).isEqualTo("always");
        assertThat(body.get("provider").asString()).isEqualTo("turnstile");
        assertThat(body.get("site_key").asString()).isEqualTo(SITE_KEY);
        assertThat(response.body()).doesNotContain(SECRET);
        assertThat(http.get("/v3/api-docs").body()).doesNotContain(SECRET);
    }

    @Test
    @DisplayName("LOG-5: a solved CAPTCHA passes; the verifier got the secret, the token and the client's IP")
    void solvedCaptchaPassesAndVerifierGetsTheClientIp() {
        HttpResponse<String> response = protectedCall(Captcha.HEADER, TOKEN);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(204);
        assertThat(turnstile.last().form()).containsEntry("secret", SECRET).containsEntry("response", TOKEN)
                .containsEntry("remoteip", "127.0.0.1");
    }

    @Test
    @DisplayName("LOG-5: without a token the route answers 400 captcha_required and the verifier is not asked")
    void missingTokenIsCaptchaRequiredWithoutAVerifierCall() {
        JsonNode problem = problem(protectedCall(), 400, "captcha_required");

        assertThat(problem.get("detail").asString()).contains(Captcha.HEADER);
        assertThat(turnstile.received()).isEmpty();
    }

    @Test
    @DisplayName("LOG-5: a token the verifier refuses is 400 captcha_required")
    void refusedTokenIsCaptchaRequired() {
        turnstile.refuses("invalid-input-response");

        JsonNode problem = problem(protectedCall(Captcha.HEADER, TOKEN), 400, "captcha_required");

        assertThat(problem.get("detail").asString()).contains("CAPTCHA check failed");
    }

    @Test
    @DisplayName("LOG-5: a verifier that fails or hangs past the timeout is 503 captcha_unavailable with Retry-After, never 500")
    void verifierOutageIsServiceUnavailableWithRetryAfter(CapturedOutput output) {
        turnstile.answers(500, "upstream error");
        assertUnavailable(protectedCall(Captcha.HEADER, TOKEN));

        turnstile.hangs(Duration.ofSeconds(10));
        assertUnavailable(protectedCall(Captcha.HEADER, TOKEN));

        assertThat(http.get("/actuator/prometheus").body())
                .containsPattern("portcullis_captcha_verifications_total\\{[^}]*outcome=\"unavailable\"[^}]*\\} [1-9]");
        assertThat(output.getAll()).as("one WARN from the captcha module, no unhandled-error stack")
                .contains("CAPTCHA verifier unavailable").doesNotContain("Unhandled error", SECRET, TOKEN);
    }

    private void assertUnavailable(HttpResponse<String> response) {
        JsonNode problem = problem(response, 503, "captcha_unavailable");
        assertThat(problem.get("detail").asString())
                .isEqualTo("The CAPTCHA verifier could not be reached; try again in a moment.");
        assertThat(response.headers().firstValue("Retry-After")).hasValue(Captcha.RETRY_AFTER_SECONDS);
    }

    @Test
    @DisplayName("LOG-5: with mode always, sign-up, forgot-password and sign-in need a solved CAPTCHA")
    void theAuthRoutesNeedASolvedCaptchaWhenAlwaysOn() {
        String email = "captcha-" + System.nanoTime() + "@example.com";
        String register = "{\"email\":\"" + email + "\",\"password\":\"correct horse battery staple 42\"}";
        String forgot = "{\"email\":\"" + email + "\"}";
        String login = "{\"email\":\"" + email + "\",\"password\":\"correct horse battery staple 42\"}";

        for (String[] route : new String[][] { { "/api/v1/auth/register", register },
                { "/api/v1/auth/password/forgot", forgot }, { "/api/v1/auth/login", login } }) {
            HttpResponse<String> without = http.postJson(route[0], route[1]);
            assertThat(without.statusCode()).as(route[0]).isEqualTo(400);
            assertThat(without.body()).contains("\"code\":\"captcha_required\"");
        }
        assertThat(turnstile.received()).isEmpty();

        assertThat(http.postJson("/api/v1/auth/register", register, Captcha.HEADER, TOKEN).statusCode()).isEqualTo(202);
        assertThat(http.postJson("/api/v1/auth/password/forgot", forgot, Captcha.HEADER, TOKEN).statusCode())
                .isEqualTo(202);
        // Past the CAPTCHA, the sign-in is judged as usual (the address is not verified yet).
        assertThat(http.postJson("/api/v1/auth/login", login, Captcha.HEADER, TOKEN).statusCode()).isEqualTo(403);
        assertThat(turnstile.received()).hasSize(3);
    }
}
