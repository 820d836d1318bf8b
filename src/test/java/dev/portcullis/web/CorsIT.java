package dev.portcullis.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

import dev.portcullis.testing.HttpTest;
import probe.ProbeEndpoints;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "portcullis.cors.allowed-origins= HTTPS://App.Example.com:443/ ,http://localhost:3000")
@ActiveProfiles("test")
@Import(ProbeEndpoints.class)
class CorsIT extends HttpTest {

    @Test
    @DisplayName("WEB-5: a preflight from a configured (normalised) origin is answered with CORS headers")
    void allowedOriginPreflight() {
        HttpResponse<String> response = preflight("https://app.example.com");
        assertThat(response.statusCode()).isLessThan(300);
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).hasValue("https://app.example.com");
        assertThat(response.headers().firstValue("Access-Control-Allow-Credentials")).hasValue("true");
    }

    @Test
    @DisplayName("WEB-5: an unknown origin gets a 403 problem and no CORS headers")
    void unknownOriginRefused() {
        HttpResponse<String> response = preflight("https://evil.example.net");
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        assertThat(response.body()).contains("\"code\":\"forbidden\"");

        HttpResponse<String> simple = http.postJson("/api/v1/probe", "{\"email\":\"a@example.com\"}",
                "Origin", "https://evil.example.net");
        assertThat(simple.statusCode()).isEqualTo(403);
        assertThat(simple.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    @Test
    @DisplayName("WEB-5: the issuer's own origin is always allowed (hosted pages behind a proxy)")
    void issuerOriginAllowed() {
        HttpResponse<String> response = http.postJson("/api/v1/probe", "{\"email\":\"a@example.com\"}",
                "Origin", "http://127.0.0.1:8080");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    private HttpResponse<String> preflight(String origin) {
        return http.send(http.request("/api/v1/probe").method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", origin).header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "content-type").build());
    }
}
