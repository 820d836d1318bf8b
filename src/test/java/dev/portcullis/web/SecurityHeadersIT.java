package dev.portcullis.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.security.core.userdetails.UserDetailsService;

import dev.portcullis.testing.HttpTest;
import dev.portcullis.testing.IntegrationTest;

@IntegrationTest
class SecurityHeadersIT extends HttpTest {

    private static final Pattern NONCE = Pattern.compile("script-src 'nonce-([A-Za-z0-9_-]{22,})' 'strict-dynamic'");

    @Test
    @DisplayName("WEB-3/WEB-4: the login page carries a nonce CSP and every security header")
    void loginPageCarriesSecurityHeaders() {
        HttpResponse<String> page = http.get("/login");

        assertThat(page.statusCode()).isEqualTo(200);
        assertSecurityHeaders(page);
        String nonce = nonceOf(page);
        assertThat(page.body()).contains("<meta name=\"csrf-token\" content=\"");
        assertThat(page.body()).doesNotContain("onclick", "onload", "<script>");
        assertThat(nonce).isNotBlank();
    }

    @Test
    @DisplayName("WEB-3: every response gets a fresh CSP nonce")
    void cspNonceIsFreshPerResponse() {
        assertThat(nonceOf(http.get("/login"))).isNotEqualTo(nonceOf(http.get("/login")));
    }

    @Test
    @DisplayName("WEB-4: errors, static files, health and API docs carry the headers too")
    void headersOnEveryKindOfResponse() {
        assertSecurityHeaders(http.get("/no/such/page"));
        assertSecurityHeaders(http.get("/css/portcullis.css"));
        assertSecurityHeaders(http.get("/actuator/health"));
        assertSecurityHeaders(http.postJson("/nothing-here", "{"));
    }

    @Test
    @DisplayName("WEB-4: HSTS is only sent over HTTPS (a browser ignores it on plain HTTP)")
    void noHstsOverPlainHttp() {
        assertThat(http.get("/login").headers().firstValue("Strict-Transport-Security")).isEmpty();
    }

    @Test
    @DisplayName("OPS-7: health with liveness and readiness, OpenAPI document, nothing else from actuator")
    void operationsEndpoints() {
        assertThat(http.get("/actuator/health").statusCode()).isEqualTo(200);
        assertThat(http.get("/actuator/health/liveness").statusCode()).isEqualTo(200);
        assertThat(http.get("/actuator/health/readiness").statusCode()).isEqualTo(200);
        assertThat(http.get("/v3/api-docs").body()).contains("\"openapi\"");
        assertThat(http.get("/actuator/env").statusCode()).isEqualTo(404);
        assertThat(http.get("/actuator/beans").statusCode()).isEqualTo(404);
    }

    @Test
    @DisplayName("AUD-3: prometheus metrics are readable from loopback")
    void prometheusFromLoopback() {
        HttpResponse<String> metrics = http.get("/actuator/prometheus");
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("jvm_memory_used_bytes");
    }

    @Test
    @DisplayName("AUD-2: no framework default user exists (it would log a generated password at startup)")
    void noDefaultUserWithGeneratedPassword(@Autowired ApplicationContext context) {
        assertThat(context.getBeansOfType(UserDetailsService.class)).isEmpty();
    }

    static String nonceOf(HttpResponse<String> response) {
        String csp = response.headers().firstValue("Content-Security-Policy").orElseThrow();
        Matcher m = NONCE.matcher(csp);
        assertThat(m.find()).as("nonce in %s", csp).isTrue();
        return m.group(1);
    }

    static void assertSecurityHeaders(HttpResponse<String> response) {
        var h = response.headers();
        String csp = h.firstValue("Content-Security-Policy").orElseThrow();
        assertThat(csp).contains("frame-ancestors 'none'", "object-src 'none'", "base-uri 'none'")
                .doesNotContain("unsafe-inline");
        assertThat(h.firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(h.firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(h.firstValue("Referrer-Policy")).hasValue("strict-origin-when-cross-origin");
        assertThat(h.firstValue("Permissions-Policy").orElseThrow()).contains("camera=()", "geolocation=()");
        assertThat(h.firstValue("Cache-Control").orElseThrow()).contains("no-store");
        assertThat(h.firstValue("X-Request-Id")).isPresent();
    }
}
