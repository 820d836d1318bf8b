package dev.portcullis.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.TestPropertySource;

import dev.portcullis.testing.AdminFlowTest;
import dev.portcullis.testing.AdvancingClock;
import dev.portcullis.testing.IntegrationTest;

/**
 * TOK-7: RFC 7662 introspection for resource servers holding a key with {@code tokens:introspect}:
 * active tokens with their claims; expired, revoked (logout) and tampered tokens only
 * {@code {"active":false}}; other callers refused.
 */
@IntegrationTest
@Import(IntrospectionIT.ClockConfiguration.class)
@TestPropertySource(properties = { "portcullis.mail.poll-interval=200ms", "db-scheduler.polling-interval=200ms" })
class IntrospectionIT extends AdminFlowTest {

    static final AdvancingClock CLOCK = new AdvancingClock();

    @TestConfiguration(proxyBeanMethods = false)
    static class ClockConfiguration {
        @Bean
        @Primary
        Clock advancingClock() {
            return CLOCK;
        }
    }

    private static String introspector;

    @BeforeEach
    void resourceServerKey() {
        if (introspector == null) {
            String admin = adminSignedIn(newEmail("introspect-admin"), CLOCK).access();
            introspector = apiKey(admin, "tokens:introspect");
        }
    }

    private HttpResponse<String> introspectForm(String token, String... credential) {
        HttpRequest.Builder request = http.request("/api/v1/auth/introspect")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("token=" + URLEncoder.encode(token, StandardCharsets.UTF_8)
                        + "&token_type_hint=access_token"));
        if (credential.length > 0) {
            request.headers(credential);
        }
        return http.send(request.build());
    }

    @Test
    void anActiveTokenIsDescribed_TOK7() {
        String email = newEmail("introspect-user");
        String access = signedIn(email).access();

        HttpResponse<String> form = introspectForm(access, "X-API-Key", introspector);
        assertThat(form.statusCode()).as(form.body()).isEqualTo(200);
        assertThat(form.body()).contains("\"active\":true", "\"sub\":\"" + userId(email) + "\"", "\"exp\":", "\"iat\":",
                "\"sid\":\"", "\"roles\":[\"user\"]", "\"token_type\":\"Bearer\"", "\"iss\":\"");
        assertThat(form.headers().firstValue("Cache-Control")).hasValueSatisfying(v -> assertThat(v).contains("no-store"));

        HttpResponse<String> json = http.postJson("/api/v1/auth/introspect", "{\"token\":\"" + access + "\"}",
                bearer(introspector));
        assertThat(json.statusCode()).isEqualTo(200);
        assertThat(json.body()).contains("\"active\":true");
    }

    @Test
    void expiredRevokedAndTamperedTokensAreInactive_TOK7() {
        Tokens tokens = signedIn(newEmail("introspect-dead"));
        String access = tokens.access();
        String tampered = access.substring(0, access.length() - 2) + (access.endsWith("AA") ? "BB" : "AA");
        assertThat(introspectForm(tampered, "X-API-Key", introspector).body()).isEqualTo("{\"active\":false}");
        assertThat(introspectForm("not a token", "X-API-Key", introspector).body()).isEqualTo("{\"active\":false}");

        Tokens other = signedIn(newEmail("introspect-logout"));
        assertThat(introspectForm(other.access(), "X-API-Key", introspector).body()).contains("\"active\":true");
        assertThat(http.postJson("/api/v1/auth/logout", "", bearer(other.access())).statusCode()).isEqualTo(204);
        assertThat(introspectForm(other.access(), "X-API-Key", introspector).body()).as("revoked by logout")
                .isEqualTo("{\"active\":false}");

        assertThat(introspectForm(access, "X-API-Key", introspector).body()).contains("\"active\":true");
        CLOCK.advance(Duration.ofMinutes(16));
        assertThat(introspectForm(access, "X-API-Key", introspector).body()).as("expired")
                .isEqualTo("{\"active\":false}");
    }

    @Test
    void onlyKeysWithTheIntrospectScopeMayAsk_TOK7() {
        Tokens user = signedIn(newEmail("introspect-nosy"));
        HttpResponse<String> anonymous = http.postJson("/api/v1/auth/introspect", "{\"token\":\"" + user.access() + "\"}");
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.body()).doesNotContain("active");
        HttpResponse<String> anonymousForm = introspectForm(user.access());
        assertThat(anonymousForm.statusCode()).as("a credential-less form post is a CSRF candidate").isEqualTo(403);
        assertThat(anonymousForm.body()).doesNotContain("active");

        HttpResponse<String> asUser = introspectForm(user.access(), bearer(user.access()));
        assertThat(asUser.statusCode()).isEqualTo(403);

        String accountKey = apiKey(user.access(), "account");
        HttpResponse<String> wrongScope = introspectForm(user.access(), "X-API-Key", accountKey);
        assertThat(wrongScope.statusCode()).isEqualTo(403);
        assertThat(wrongScope.body()).contains("\"code\":\"insufficient_scope\"");
    }
}
