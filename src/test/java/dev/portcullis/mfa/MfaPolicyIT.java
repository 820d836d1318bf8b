package dev.portcullis.mfa;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

import dev.portcullis.testing.AccountFlowTest;
import dev.portcullis.testing.IntegrationTest;

/**
 * MFA-6 over real HTTP: an admin without MFA signs in to an enrolment-only token, admin routes need
 * a session with a second factor, and every MFA answer counts against the small {@code mfa} limit
 * set here (MFA-3).
 */
@IntegrationTest
@TestPropertySource(properties = { "portcullis.mail.poll-interval=200ms", "db-scheduler.polling-interval=200ms",
        "portcullis.rate-limit.mfa=user 3/5m, user 200/1d, ip 100000/5m" })
class MfaPolicyIT extends AccountFlowTest {

    @Autowired
    JdbcClient jdbc;

    private static String newEmail() {
        return "mfa-policy-" + System.nanoTime() + "@example.com";
    }

    private String userId(String email) {
        return jdbc.sql("SELECT id FROM users WHERE email = :email").param("email", email).query(String.class).single();
    }

    private void makeAdmin(String email) {
        jdbc.sql("INSERT INTO user_role (user_id, role) VALUES (:id, 'admin')").param("id", userId(email)).update();
    }

    private static String claims(String jwt) {
        return new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8);
    }

    private HttpResponse<String> adminRoute(String access, String targetEmail) {
        return http.postJson("/api/v1/admin/users/" + userId(targetEmail) + "/unlock", "", "Authorization",
                "Bearer " + access);
    }

    @Test
    void anAdminWithoutMfaGetsOnlyAnEnrolmentTokenUntilSigningInWithMfa_MFA6() {
        String email = signedUp(newEmail());
        makeAdmin(email);

        Tokens enrolOnly = Tokens.of(login(email, PASSWORD));
        assertThat(claims(enrolOnly.access())).contains("\"scope\":\"mfa:enroll\"").doesNotContain("admin");
        assertThat(me(enrolOnly.access()).statusCode()).isEqualTo(200);
        HttpResponse<String> sessions = http.get("/api/v1/me/sessions", "Authorization",
                "Bearer " + enrolOnly.access());
        assertThat(sessions.statusCode()).isEqualTo(403);
        assertThat(sessions.body()).contains("\"code\":\"insufficient_scope\"");
        assertThat(adminRoute(enrolOnly.access(), email).statusCode()).isEqualTo(403);
        assertThat(http.get("/api/v1/me/mfa", "Authorization", "Bearer " + enrolOnly.access()).body())
                .contains("\"required\":true", "\"enabled\":false");
        Tokens refreshed = Tokens.of(refresh(enrolOnly.refresh()));
        assertThat(claims(refreshed.access())).as("refresh keeps it enrolment-only").contains("mfa:enroll");

        String secret = enrolledTotp(refreshed.access(), Clock.systemUTC());

        // MFA is on, but this session was signed in with the password alone: admin routes still refuse it.
        Tokens afterEnrolment = Tokens.of(refresh(refreshed.refresh()));
        assertThat(claims(afterEnrolment.access())).contains("admin").doesNotContain("mfa:enroll");
        assertThat(adminRoute(afterEnrolment.access(), email).statusCode()).isEqualTo(403);

        HttpResponse<String> challenged = login(email, PASSWORD);
        assertThat(challenged.body()).contains("\"mfa_required\":true");
        HttpResponse<String> signedIn = http.postJson("/api/v1/auth/mfa", "{\"mfa_token\":\""
                + field(challenged.body(), "mfa_token") + "\",\"code\":\""
                + TestTotp.code(secret, Instant.now().plusSeconds(30)) + "\",\"trust_device\":true}");
        String admin = Tokens.of(signedIn).access();
        assertThat(signedIn.headers().allValues("Set-Cookie")).as("no trusted device for a role that requires MFA")
                .noneMatch(c -> c.startsWith(TrustedDevices.COOKIE));
        assertThat(claims(admin)).contains("\"amr\":[\"pwd\",\"otp\"]", "admin");
        assertThat(adminRoute(admin, email).statusCode()).isEqualTo(204);

        HttpResponse<String> disable = http.send(http.request("/api/v1/me/mfa/totp")
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + admin)
                .method("DELETE", java.net.http.HttpRequest.BodyPublishers.ofString("{\"recovery_code\":\"x\","
                        + "\"current_password\":\"" + PASSWORD + "\"}")).build());
        assertThat(disable.statusCode()).as("the role requires MFA").isEqualTo(409);
    }

    @Test
    void wrongCodesAreRateLimitedPerUser_MFA3() {
        String email = newEmail();
        String access = signedIn(email).access();
        enrolledTotp(access, Clock.systemUTC());

        HttpResponse<String> challenged = login(email, PASSWORD);
        String token = field(challenged.body(), "mfa_token");
        for (int i = 0; i < 2; i++) {
            HttpResponse<String> wrong = http.postJson("/api/v1/auth/mfa", "{\"mfa_token\":\"" + token
                    + "\",\"code\":\"00000" + i + "\"}");
            assertThat(wrong.statusCode()).as(wrong.body()).isEqualTo(401);
        }
        HttpResponse<String> limited = http.postJson("/api/v1/auth/mfa", "{\"mfa_token\":\"" + token
                + "\",\"code\":\"000009\"}");
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.body()).contains("\"code\":\"rate_limited\"");
        assertThat(limited.headers().firstValue("Retry-After")).isPresent();
    }
}
