package dev.portcullis.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

import dev.portcullis.testing.AccountFlowTest;
import dev.portcullis.testing.AdvancingClock;
import dev.portcullis.testing.IntegrationTest;

/**
 * LOG-3 over real HTTP: ten consecutive failures from browsers without the account's device cookie
 * lock it for such browsers, with a lock that doubles; the device cookie's holder is not locked out.
 * Time moves through the application's Clock.
 */
@IntegrationTest
@Import(LockoutIT.ClockConfiguration.class)
@TestPropertySource(properties = { "portcullis.mail.poll-interval=200ms", "db-scheduler.polling-interval=200ms" })
class LockoutIT extends AccountFlowTest {

    static final AdvancingClock CLOCK = new AdvancingClock();

    @Autowired
    JdbcClient jdbc;

    @TestConfiguration(proxyBeanMethods = false)
    static class ClockConfiguration {
        @Bean
        @Primary
        Clock mutableClock() {
            return CLOCK;
        }
    }

    private static String newEmail() {
        return "lock-" + System.nanoTime() + "@example.com";
    }

    private HttpResponse<String> loginWithCookie(String email, String password, String deviceCookie) {
        return http.postJson("/api/v1/auth/login", "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}",
                "Cookie", LoginDevices.COOKIE + "=" + deviceCookie);
    }

    private void failTimes(String email, int times) {
        for (int i = 0; i < times; i++) {
            assertThat(login(email, "not the password " + i).statusCode()).isEqualTo(401);
        }
    }

    private static String deviceCookie(HttpResponse<String> response) {
        return response.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith(LoginDevices.COOKIE + "=")).findFirst()
                .map(c -> c.substring(LoginDevices.COOKIE.length() + 1, c.indexOf(';'))).orElseThrow();
    }

    /** The body of a refusal without its per-request parts. */
    private static String refusal(HttpResponse<String> response) {
        return response.body().replaceAll("\"request_id\":\"[^\"]*\"", "");
    }

    @Test
    void tenFailuresLockTheAccountAndTheLockLooksLikeAWrongPassword_LOG3() {
        String email = signedUp(newEmail());
        failTimes(email, 10);

        HttpResponse<String> locked = login(email, PASSWORD);
        assertThat(locked.statusCode()).isEqualTo(401);
        assertThat(refusal(locked)).isEqualTo(refusal(login(email, "wrong again")))
                .isEqualTo(refusal(login(newEmail(), "whatever")));

        CLOCK.advance(Duration.ofMinutes(1));
        assertThat(login(email, PASSWORD).statusCode()).isEqualTo(200);
    }

    @Test
    void eachFailureAfterALockDoublesTheNextLock_LOG3() {
        String email = signedUp(newEmail());
        failTimes(email, 10);
        CLOCK.advance(Duration.ofMinutes(1).plusSeconds(1));

        failTimes(email, 1); // the eleventh: locked for 2 minutes
        CLOCK.advance(Duration.ofMinutes(1).plusSeconds(1));
        assertThat(login(email, PASSWORD).statusCode()).isEqualTo(401);
        CLOCK.advance(Duration.ofMinutes(1));
        assertThat(login(email, PASSWORD).statusCode()).isEqualTo(200);
    }

    @Test
    void aSuccessfulSignInResetsTheCount_LOG3() {
        String email = signedUp(newEmail());
        failTimes(email, 9);
        assertThat(login(email, PASSWORD).statusCode()).isEqualTo(200);
        failTimes(email, 9);

        assertThat(login(email, PASSWORD).statusCode()).isEqualTo(200);
    }

    @Test
    void theBrowserThatSignedInBeforeStillSignsInWhileAnAttackerHasTheAccountLocked_LOG3() {
        String email = signedUp(newEmail());
        HttpResponse<String> first = login(email, PASSWORD);
        String cookie = deviceCookie(first);
        assertThat(first.headers().allValues("Set-Cookie")).anySatisfy(c -> assertThat(c)
                .startsWith(LoginDevices.COOKIE + "=").contains("Path=/api/v1/auth", "Secure", "HttpOnly", "SameSite=Strict"));

        failTimes(email, 12);
        assertThat(login(email, PASSWORD).statusCode()).isEqualTo(401);

        HttpResponse<String> owner = loginWithCookie(email, PASSWORD, cookie);
        assertThat(owner.statusCode()).as(owner.body()).isEqualTo(200);
        // The owner's success cleared the lock for everyone.
        assertThat(login(email, PASSWORD).statusCode()).isEqualTo(200);
    }

    @Test
    void theDeviceCookieHoldersFailuresDoNotLockTheAccount_LOG3() {
        String email = signedUp(newEmail());
        String cookie = deviceCookie(login(email, PASSWORD));
        for (int i = 0; i < 12; i++) {
            assertThat(loginWithCookie(email, "typo " + i, cookie).statusCode()).isEqualTo(401);
        }

        assertThat(login(email, PASSWORD).statusCode()).isEqualTo(200);
    }

    @Test
    void aTamperedOrForeignDeviceCookieIsNoCookie_LOG3() {
        String email = signedUp(newEmail());
        String cookie = deviceCookie(login(email, PASSWORD));
        String otherUsersCookie = deviceCookie(login(signedUp(newEmail()), PASSWORD));
        failTimes(email, 10);

        String tampered = cookie.substring(0, cookie.length() - 2) + (cookie.endsWith("AA") ? "BB" : "AA");
        assertThat(loginWithCookie(email, PASSWORD, tampered).statusCode()).isEqualTo(401);
        assertThat(loginWithCookie(email, PASSWORD, otherUsersCookie).statusCode()).isEqualTo(401);
        assertThat(loginWithCookie(email, PASSWORD, cookie).statusCode()).isEqualTo(200);
    }

    @Test
    void anExpiredDeviceCookieIsNoCookie_LOG3() {
        String email = signedUp(newEmail());
        String cookie = deviceCookie(login(email, PASSWORD));
        CLOCK.advance(Duration.ofDays(181));
        failTimes(email, 10);

        assertThat(loginWithCookie(email, PASSWORD, cookie).statusCode()).isEqualTo(401);
    }

    @Test
    void theLockIsAuditedWithoutRevealingItToTheCaller_LOG3() {
        String email = signedUp(newEmail());
        failTimes(email, 10);
        login(email, PASSWORD);

        String userId = jdbc.sql("SELECT id FROM users WHERE email = :e").param("e", email).query(String.class).single();
        assertThat(jdbc.sql("SELECT type FROM audit_event WHERE user_id = :id").param("id", userId).query(String.class)
                .list()).contains("account.locked", "login.refused");
    }

    @Test
    void anAdminCanLiftALockAndOnlyAnAdmin_LOG3() {
        String email = signedUp(newEmail());
        String userId = jdbc.sql("SELECT id FROM users WHERE email = :e").param("e", email).query(String.class).single();
        failTimes(email, 10);
        String admin = signedUp(newEmail());
        jdbc.sql("INSERT INTO user_role (user_id, role) SELECT id, 'admin' FROM users WHERE email = :e")
                .param("e", admin).update();
        Tokens adminTokens = signedInWithMfa(admin, CLOCK);
        Tokens userTokens = Tokens.of(login(signedUp(newEmail()), PASSWORD));

        assertThat(http.postJson("/api/v1/admin/users/" + userId + "/unlock", "{}", "Authorization",
                "Bearer " + userTokens.access()).statusCode()).isEqualTo(403);
        assertThat(http.postJson("/api/v1/admin/users/no-such-user/unlock", "{}", "Authorization",
                "Bearer " + adminTokens.access()).statusCode()).isEqualTo(404);
        assertThat(login(email, PASSWORD).statusCode()).isEqualTo(401);

        assertThat(http.postJson("/api/v1/admin/users/" + userId + "/unlock", "{}", "Authorization",
                "Bearer " + adminTokens.access()).statusCode()).isEqualTo(204);
        assertThat(login(email, PASSWORD).statusCode()).isEqualTo(200);
        String adminId = jdbc.sql("SELECT id FROM users WHERE email = :e").param("e", admin).query(String.class).single();
        assertThat(jdbc.sql("SELECT actor_id FROM audit_event WHERE user_id = :id AND type = 'account.unlocked'")
                .param("id", userId).query(String.class).single()).as("audited with the admin as actor").isEqualTo(adminId);
    }
}
