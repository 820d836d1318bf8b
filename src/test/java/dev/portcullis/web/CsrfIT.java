package dev.portcullis.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.Import;

import dev.portcullis.testing.HttpTest;
import probe.ProbeEndpoints;
import dev.portcullis.testing.IntegrationTest;

@IntegrationTest
@Import(ProbeEndpoints.class)
class CsrfIT extends HttpTest {

    private static final Pattern META = Pattern.compile("<meta name=\"csrf-token\" content=\"([^\"]+)\"");
    private static final String BODY = "{\"email\":\"a@example.com\"}";

    @Test
    @DisplayName("WEB-2: an anonymous form post without a token is 403 csrf_failed")
    void anonymousFormWithoutTokenIsRefused() {
        HttpResponse<String> response = http.send(http.request("/login")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("email=a%40example.com")).build());
        assertCsrfFailed(response);
    }

    @Test
    @DisplayName("WEB-2: a form-encoded post to the API without cookies still needs a token (cross-site forms)")
    void crossSiteFormToApiIsRefused() {
        HttpResponse<String> response = http.send(http.request("/api/v1/probe")
                .header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString(BODY)).build());
        assertCsrfFailed(response);
    }

    @Test
    @DisplayName("WEB-2: a JSON API call without cookies carries no ambient authority and needs no token")
    void cookielessJsonApiCallNeedsNoToken() {
        assertThat(http.postJson("/api/v1/probe", BODY).statusCode()).isEqualTo(200);
    }

    @Test
    @DisplayName("WEB-2, LOG-3: the sign-in device cookie grants nothing, so alone it needs no token")
    void deviceCookieAloneNeedsNoToken() {
        assertThat(http.postJson("/api/v1/probe", BODY, "Cookie", "__Secure-portcullis-device=v1.a.b.1.c").statusCode())
                .isEqualTo(200);
        assertCsrfFailed(http.postJson("/api/v1/probe", BODY, "Cookie",
                "__Secure-portcullis-device=v1.a.b.1.c; __Host-portcullis-access=abc"));
    }

    @Test
    @DisplayName("WEB-2: a cookie-carrying browser request without the token is refused")
    void cookieRequestWithoutTokenIsRefused() {
        assertCsrfFailed(http.postJson("/api/v1/probe", BODY, "Cookie", "__Host-portcullis-session=abc"));
    }

    @Test
    @DisplayName("WEB-2: a wrong token is refused")
    void wrongTokenIsRefused() {
        Session session = session();
        assertCsrfFailed(http.postJson("/api/v1/probe", BODY, "Cookie", session.cookie(),
                "X-CSRF-TOKEN", "AAAA" + session.token().substring(4)));
    }

    @Test
    @DisplayName("WEB-2: a token that is not even valid base64 is a 403, not a 500")
    void undecodableTokenIsRefused() {
        Session session = session();
        assertCsrfFailed(http.postJson("/api/v1/probe", BODY, "Cookie", session.cookie(), "X-CSRF-TOKEN", "%%%not-base64"));
    }

    @Test
    @DisplayName("WEB-2: the token from <meta name=csrf-token> in X-CSRF-TOKEN passes, with its cookie")
    void tokenFromMetaTagPasses() {
        Session session = session();
        HttpResponse<String> response = http.postJson("/api/v1/probe", BODY, "Cookie", session.cookie(),
                "X-CSRF-TOKEN", session.token());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    @Test
    @DisplayName("WEB-2: a Bearer-authenticated request is not cookie-authenticated and needs no token")
    void bearerRequestNeedsNoToken() {
        // The token guard, not CSRF, answers this one: the bearer token itself is judged (TOK-2).
        HttpResponse<String> response = http.postJson("/api/v1/probe", BODY, "Cookie", "__Host-portcullis-session=abc",
                "Authorization", "Bearer some-token");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(401);
        assertThat(response.body()).contains("\"code\":\"invalid_token\"").doesNotContain("csrf_failed");
    }

    @Test
    @DisplayName("WEB-2/TOK-6: a script client reads the token from /api/v1/auth/csrf and it passes")
    void tokenFromTheCsrfEndpointPasses() {
        HttpResponse<String> answer = http.get("/api/v1/auth/csrf");
        String setCookie = answer.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("__Host-portcullis-csrf=")).findFirst().orElseThrow();
        Matcher token = Pattern.compile("\"csrf_token\":\"([^\"]+)\"").matcher(answer.body());
        assertThat(token.find()).as(answer.body()).isTrue();
        assertThat(answer.body()).contains("\"header_name\":\"X-CSRF-TOKEN\"");

        HttpResponse<String> response = http.postJson("/api/v1/probe", BODY, "Cookie",
                setCookie.substring(0, setCookie.indexOf(';')), "X-CSRF-TOKEN", token.group(1));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    @Test
    @DisplayName("TOK-6/WEB-2: the CSRF cookie is __Host-, Secure, HttpOnly, SameSite=Strict, Path=/")
    void csrfCookieIsHardened() {
        String setCookie = http.get("/login").headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("__Host-portcullis-csrf=")).findFirst().orElseThrow();
        assertThat(setCookie).contains("Path=/", "Secure", "HttpOnly", "SameSite=Strict").doesNotContain("Domain=");
        String value = setCookie.substring(setCookie.indexOf('=') + 1, setCookie.indexOf(';'));
        assertThat(value).matches("[A-Za-z0-9_-]{43}");
    }

    private record Session(String cookie, String token) {
    }

    private Session session() {
        HttpResponse<String> page = http.get("/login");
        String setCookie = page.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("__Host-portcullis-csrf=")).findFirst().orElseThrow();
        Matcher m = META.matcher(page.body());
        assertThat(m.find()).isTrue();
        return new Session(setCookie.substring(0, setCookie.indexOf(';')), m.group(1));
    }

    private static void assertCsrfFailed(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(403);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        assertThat(response.body()).contains("\"code\":\"csrf_failed\"");
    }
}
