package dev.portcullis.pages;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

import dev.portcullis.testing.AdminFlowTest;
import dev.portcullis.testing.IntegrationTest;

/**
 * MFA-6 in the browser: an admin without MFA signs in to an enrolment-only session. Its browser must
 * still reach the pages, scripts and styles, and the account page that hosts the enrolment; every
 * other API route keeps refusing it with 403 until it signs in with a second factor.
 */
@IntegrationTest
@TestPropertySource(properties = { "portcullis.mail.poll-interval=200ms", "db-scheduler.polling-interval=200ms" })
class EnrolmentOnlyPagesIT extends AdminFlowTest {

    @Test
    void anEnrolmentOnlyBrowserReachesThePagesAndTheEnrolmentButNotTheRestOfTheApi_MFA6() {
        String email = signedUp(newEmail("enrol-pages"));
        grant(email, "admin");
        HttpResponse<String> login = http.postJson("/api/v1/auth/login",
                "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\"}", "X-Token-Delivery", "cookie");
        assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
        String cookies = login.headers().allValues("Set-Cookie").stream().map(c -> c.substring(0, c.indexOf(';')))
                .collect(Collectors.joining("; "));
        assertThat(cookies).contains("__Host-portcullis-access=");

        assertThat(http.get("/login", "Cookie", cookies).statusCode()).isEqualTo(200);
        assertThat(http.get("/js/api.js", "Cookie", cookies).statusCode()).isEqualTo(200);
        HttpResponse<String> account = http.get("/account/security", "Cookie", cookies);
        assertThat(account.statusCode()).isEqualTo(200);
        assertThat(account.body()).contains("id=\"mfa-enrol-form\"", email);

        HttpResponse<String> sessions = http.get("/api/v1/me/sessions", "Cookie", cookies);
        assertThat(sessions.statusCode()).isEqualTo(403);
        assertThat(sessions.body()).contains("\"code\":\"insufficient_scope\"");
        assertThat(http.get("/admin/users", "Cookie", cookies).statusCode()).as("anonymous there: sent to sign in")
                .isEqualTo(302);
    }
}
