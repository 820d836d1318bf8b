package dev.portcullis.captcha;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import dev.portcullis.testing.HttpTest;
import dev.portcullis.testing.IntegrationTest;

/** LOG-5 / WEB-3 with the default configuration: the CAPTCHA is off and leaves no trace in the CSP. */
@IntegrationTest
class CaptchaOffIT extends HttpTest {

    /** The base policy of every page, unchanged by the CAPTCHA module while it is off. */
    private static final String BASE_POLICY = "default-src 'self'; script-src 'nonce-[A-Za-z0-9_-]{22,}' 'strict-dynamic'; "
            + "style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; "
            + "base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

    @Test
    @DisplayName("WEB-3/LOG-5: with the CAPTCHA off the page CSP is the base policy, without any Turnstile origin")
    void pageCspHasNoTurnstileWhenOff() {
        String csp = http.get("/login").headers().firstValue("Content-Security-Policy").orElseThrow();

        assertThat(csp).matches(BASE_POLICY).doesNotContain("cloudflare", "frame-src");
    }

    @Test
    @DisplayName("LOG-5: with the CAPTCHA off the settings endpoint says off and has no site key")
    void settingsEndpointSaysOff() {
        HttpResponse<String> response = http.get("/api/v1/auth/captcha");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"mode\":\"off\",\"provider\":\"turnstile\",\"site_key\":null}");
    }

    @Test
    @DisplayName("LOG-5/OPS-7: the OpenAPI document describes the settings endpoint in snake_case")
    void openApiDescribesTheSettingsEndpoint() {
        String openApi = http.get("/v3/api-docs").body();

        assertThat(openApi).contains("\"/api/v1/auth/captcha\"", "\"CaptchaSettings\"", "\"site_key\"")
                .doesNotContain("\"siteKey\"");
    }
}
