package dev.portcullis.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

import dev.portcullis.testing.AccountFlowTest;
import dev.portcullis.testing.IntegrationTest;

/**
 * Issue 3's "done when" sequence and the sad paths of login, refresh, logout and the guard, over real
 * HTTP with the verification link read from a real SMTP server (GreenMail). The reuse grace is 0 here
 * so a second use of a refresh token is reuse at once (TOK-3); the grace itself is covered by
 * the sessions contract.
 */
@IntegrationTest
@TestPropertySource(properties = {
        "portcullis.sessions.reuse-grace=0s",
        "portcullis.mail.poll-interval=200ms",
        "db-scheduler.polling-interval=200ms"})
class AuthFlowIT extends AccountFlowTest {

    @Autowired
    JdbcClient jdbc;

    @Test
    void signUpVerifySignInRefreshReuseAndLogout_doneWhen_ACC1_ACC2_LOG1_TOK3_TOK4() {
        String email = "done-when@example.com";
        HttpResponse<String> registered = http.postJson("/api/v1/auth/register",
                "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\"}");
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(202);
        assertThat(registered.body()).isEqualTo("{\"status\":\"verification_sent\"}");

        HttpResponse<String> early = login(email, PASSWORD);
        assertThat(early.statusCode()).as("ACC-2: refused until verified").isEqualTo(403);
        assertThat(early.body()).contains("\"code\":\"email_not_verified\"");

        String token = mailedToken(email, "verify-email");
        assertThat(http.postJson("/api/v1/auth/verify-email", "{\"token\":\"" + token + "\"}").statusCode())
                .isEqualTo(204);

        Tokens first = Tokens.of(login(email, PASSWORD));
        HttpResponse<String> profile = me(first.access());
        assertThat(profile.statusCode()).isEqualTo(200);
        assertThat(profile.body()).contains("\"email\":\"done-when@example.com\"", "\"email_verified\":true",
                "\"roles\":[\"user\"]", "\"mfa_enabled\":false", "\"created_at\":");
        HttpResponse<String> activity = http.get("/api/v1/me/activity", "Authorization", "Bearer " + first.access());
        assertThat(activity.statusCode()).isEqualTo(200);
        assertThat(activity.body()).as("AUD-1: the user sees their own events")
                .contains("\"type\":\"login.succeeded\"", "\"type\":\"login.refused\"");

        HttpResponse<String> refreshed = refresh(first.refresh());
        Tokens second = Tokens.of(refreshed);
        assertThat(second.refresh()).isNotEqualTo(first.refresh());
        assertThat(me(second.access()).statusCode()).isEqualTo(200);

        HttpResponse<String> reuse = refresh(first.refresh());
        assertThat(reuse.statusCode()).as("TOK-3: reuse").isEqualTo(401);
        assertThat(reuse.body()).contains("\"code\":\"invalid_token\"");
        assertThat(refresh(second.refresh()).statusCode()).as("the whole family is revoked").isEqualTo(401);
        assertThat(me(second.access()).statusCode()).as("and its access tokens at once").isEqualTo(401);

        Tokens third = Tokens.of(login(email, PASSWORD));
        HttpResponse<String> logout = http.postJson("/api/v1/auth/logout", "", "Authorization",
                "Bearer " + third.access());
        assertThat(logout.statusCode()).as(logout.body()).isEqualTo(204);
        HttpResponse<String> after = me(third.access());
        assertThat(after.statusCode()).as("TOK-4: refused although the JWT has not expired").isEqualTo(401);
        assertThat(after.body()).contains("\"code\":\"invalid_token\"");
        assertThat(after.headers().firstValue("WWW-Authenticate").orElseThrow()).contains("invalid_token");
        assertThat(refresh(third.refresh()).statusCode()).isEqualTo(401);
    }

    @Test
    void unknownEmailAndWrongPasswordGetTheSameAnswer_LOG1_PWD3() {
        String email = signedUp("same-answer@example.com");

        HttpResponse<String> wrong = login(email, PASSWORD + "!");
        HttpResponse<String> unknown = login("nobody-" + email, PASSWORD);

        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(unknown.statusCode()).isEqualTo(401);
        assertThat(withoutRequestIds(wrong.body())).isEqualTo(withoutRequestIds(unknown.body()))
                .contains("\"code\":\"invalid_credentials\"");
    }

    @Test
    void wrongPasswordOnAnUnverifiedAccountRevealsNothing_ACC2() {
        String email = "unverified@example.com";
        http.postJson("/api/v1/auth/register", "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\"}");

        assertThat(login(email, "not the password at all").body()).contains("\"code\":\"invalid_credentials\"");
    }

    @Test
    void aBlockedUsersLiveAccessTokenIsRefusedAndLoginToo_LOG1() {
        String email = signedUp("blocked@example.com");
        Tokens tokens = Tokens.of(login(email, PASSWORD));
        assertThat(me(tokens.access()).statusCode()).isEqualTo(200);

        jdbc.sql("UPDATE users SET status = 'blocked' WHERE email_key = :email").param("email", email).update();

        // The guard trusts its cached account status for at most one second.
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            HttpResponse<String> refused = me(tokens.access());
            assertThat(refused.statusCode()).isEqualTo(403);
            assertThat(refused.body()).contains("\"code\":\"account_disabled\"");
        });
        assertThat(login(email, PASSWORD).body()).contains("\"code\":\"account_disabled\"");
        assertThat(refresh(tokens.refresh()).body()).contains("\"code\":\"account_disabled\"");
    }

    @Test
    void logoutAllEndsEverySession_TOK4() {
        String email = signedUp("everywhere@example.com");
        Tokens laptop = Tokens.of(login(email, PASSWORD));
        Tokens phone = Tokens.of(login(email, PASSWORD));

        assertThat(http.postJson("/api/v1/auth/logout-all", "", "Authorization", "Bearer " + phone.access())
                .statusCode()).isEqualTo(204);

        assertThat(me(laptop.access()).statusCode()).isEqualTo(401);
        assertThat(me(phone.access()).statusCode()).isEqualTo(401);
        assertThat(refresh(laptop.refresh()).statusCode()).isEqualTo(401);
    }

    @Test
    void logoutWithOnlyTheRefreshTokenEndsTheSession_TOK4() {
        Tokens tokens = Tokens.of(login(signedUp("refresh-logout@example.com"), PASSWORD));

        assertThat(http.postJson("/api/v1/auth/logout", "{\"refresh_token\":\"" + tokens.refresh() + "\"}")
                .statusCode()).isEqualTo(204);

        assertThat(me(tokens.access()).statusCode()).isEqualTo(401);
        assertThat(http.postJson("/api/v1/auth/logout", "").statusCode()).as("nothing to identify a session")
                .isEqualTo(401);
    }

    @Test
    void sessionsAreListedWithTheCurrentFlagAndOneCanBeRevoked_TOK5() {
        String email = signedUp("sessions@example.com");
        Tokens first = Tokens.of(login(email, PASSWORD));
        Tokens second = Tokens.of(login(email, PASSWORD));
        Tokens strangers = Tokens.of(login(signedUp("stranger@example.com"), PASSWORD));

        HttpResponse<String> list = http.get("/api/v1/me/sessions", "Authorization", "Bearer " + second.access());
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body()).contains("\"current\":true", "\"current\":false", "\"device\":", "\"ip\":\"127.0.0.1\"");
        assertThat(sessionIds(list.body())).hasSize(2);
        String firstId = sessionIds(list.body()).stream().filter(id -> !isCurrent(list.body(), id)).findFirst()
                .orElseThrow();

        HttpResponse<String> foreign = http.send(http.request("/api/v1/me/sessions/" + firstId)
                .header("Authorization", "Bearer " + strangers.access()).DELETE().build());
        assertThat(foreign.statusCode()).as("another user's session is not found").isEqualTo(404);

        HttpResponse<String> revoked = http.send(http.request("/api/v1/me/sessions/" + firstId)
                .header("Authorization", "Bearer " + second.access()).DELETE().build());
        assertThat(revoked.statusCode()).isEqualTo(204);
        assertThat(me(first.access()).statusCode()).isEqualTo(401);
        assertThat(me(second.access()).statusCode()).isEqualTo(200);
    }

    @Test
    void browserModeKeepsTokensInHardenedCookiesAndNeedsCsrf_TOK6() {
        String email = signedUp("browser@example.com");
        HttpResponse<String> login = http.postJson("/api/v1/auth/login",
                "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\",\"remember_me\":true}",
                "X-Token-Delivery", "cookie");
        assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
        assertThat(login.body()).doesNotContain("access_token", "refresh_token").contains("\"expires_in\":");
        String access = setCookie(login, "__Host-portcullis-access");
        String refresh = setCookie(login, "__Secure-portcullis-refresh");
        assertThat(access).contains("Path=/;", "Secure", "HttpOnly", "SameSite=Lax").doesNotContain("Domain");
        assertThat(refresh).contains("Path=/api/v1/auth", "Secure", "HttpOnly", "SameSite=Strict", "Max-Age=")
                .doesNotContain("Domain");
        String cookies = cookiePair(access) + "; " + cookiePair(refresh);

        assertThat(http.get("/api/v1/me/sessions", "Cookie", cookies).statusCode()).isEqualTo(200);
        HttpResponse<String> noCsrf = http.postJson("/api/v1/auth/refresh", "", "Cookie", cookies);
        assertThat(noCsrf.statusCode()).isEqualTo(403);
        assertThat(noCsrf.body()).contains("csrf_failed");

        HttpResponse<String> csrf = http.get("/api/v1/auth/csrf");
        String csrfCookie = cookiePair(setCookie(csrf, "__Host-portcullis-csrf"));
        Matcher csrfToken = Pattern.compile("\"csrf_token\":\"([^\"]+)\"").matcher(csrf.body());
        assertThat(csrfToken.find()).isTrue();
        HttpResponse<String> refreshed = http.postJson("/api/v1/auth/refresh", "", "Cookie",
                cookies + "; " + csrfCookie, "X-CSRF-TOKEN", csrfToken.group(1));
        assertThat(refreshed.statusCode()).as(refreshed.body()).isEqualTo(200);
        assertThat(refreshed.body()).doesNotContain("refresh_token");
        String newCookies = cookiePair(setCookie(refreshed, "__Host-portcullis-access")) + "; "
                + cookiePair(setCookie(refreshed, "__Secure-portcullis-refresh"));

        HttpResponse<String> logout = http.postJson("/api/v1/auth/logout", "", "Cookie",
                newCookies + "; " + csrfCookie, "X-CSRF-TOKEN", csrfToken.group(1));
        assertThat(logout.statusCode()).isEqualTo(204);
        assertThat(logout.headers().firstValue("Clear-Site-Data").orElseThrow()).isEqualTo("\"cookies\"");
        assertThat(setCookie(logout, "__Host-portcullis-access")).contains("Max-Age=0");
        assertThat(http.get("/api/v1/me/sessions", "Cookie", newCookies).statusCode()).isEqualTo(401);
    }

    @Test
    void malformedTokensAndBodiesAre4xxProblemsNeverErrors_TOK2_ERR2() {
        for (String token : List.of("x", "a.b", "a.b.c.d", "eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.", "é.é.é",
                "x".repeat(5000))) {
            HttpResponse<String> response = me(token);
            assertThat(response.statusCode()).as(token).isEqualTo(401);
            assertThat(response.body()).contains("\"code\":\"invalid_token\"");
        }
        assertThat(http.get("/api/v1/me/sessions").statusCode()).as("no credentials").isEqualTo(401);
        assertThat(http.get("/api/v1/me/sessions", "Authorization", "Basic YTpi").statusCode()).isEqualTo(401);
        for (String body : List.of("", "{}", "{\"email\":\"a@example.com\"}", "{\"email\":1,\"password\":\"x\"}",
                "{\"email\":\"a@example.com\",\"password\":\"x\",\"admin\":true}", "[]", "{\"email\":\"not-an-email\",\"password\":\"x\"}")) {
            HttpResponse<String> response = http.postJson("/api/v1/auth/login", body);
            assertThat(response.statusCode()).as(body).isEqualTo(400);
            assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        }
        assertThat(refresh("not-a-token").statusCode()).isEqualTo(401);
        assertThat(http.postJson("/api/v1/auth/refresh", "{}").statusCode()).isEqualTo(400);
    }

    // --- helpers -------------------------------------------------------------------------------

    private static List<String> sessionIds(String json) {
        return Pattern.compile("\"id\":\"([^\"]+)\"").matcher(json).results().map(r -> r.group(1)).toList();
    }

    private static boolean isCurrent(String json, String id) {
        int start = json.indexOf("\"id\":\"" + id + "\"");
        int end = json.indexOf('}', start);
        return json.substring(start, end).contains("\"current\":true");
    }

    private static String withoutRequestIds(String body) {
        return body.replaceAll("\"request_id\":\"[^\"]*\"", "");
    }

    private static String setCookie(HttpResponse<String> response, String name) {
        return response.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith(name + "=")).findFirst()
                .orElseThrow(() -> new AssertionError("no " + name + " cookie in " + response.headers().map()));
    }

    private static String cookiePair(String setCookie) {
        return setCookie.substring(0, setCookie.indexOf(';'));
    }
}
