package dev.portcullis.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

import dev.portcullis.testing.AccountFlowTest;
import dev.portcullis.testing.IntegrationTest;

/**
 * LOG-2 and LOG-4 over real HTTP, with the default limits of LOG-2. The test server trusts the
 * loopback peer as a proxy (LOG-6), so {@code X-Forwarded-For} plays the part of distinct clients;
 * every test uses its own client addresses and emails. No role requires MFA here (MFA-6 is tested
 * in mfa.MfaPolicyIT), so an admin's password sign-in carries the admin role the quota tier reads.
 */
@IntegrationTest
@TestPropertySource(properties = { "portcullis.mail.poll-interval=200ms", "db-scheduler.polling-interval=200ms",
        "portcullis.trusted-proxies=127.0.0.1",
        "portcullis.rate-limit.login=ip+account 5/15m, account 100/1d, ip 100/5m",
        "portcullis.rate-limit.signup=ip 3/1h, ip 20/1d",
        "portcullis.rate-limit.forgot=account 3/1h, account 10/1d, ip 20/1h",
        "portcullis.rate-limit.verify=ip 10/1m, ip 200/1d",
        "portcullis.rate-limit.resend=account 3/1h, account 10/1d, ip 20/1h",
        "portcullis.rate-limit.refresh=ip 20/1m, ip 10000/1d",
        "portcullis.rate-limit.reset-post=ip 5/1h, ip 20/1d",
        "portcullis.rate-limit.api=user 5/1m, user 100000/1d",
        "portcullis.rate-limit.api-tiers.admin=user 8/1m", "portcullis.mfa.required-roles=" })
class RateLimitIT extends AccountFlowTest {

    private static final AtomicInteger CLIENTS = new AtomicInteger(1);

    @Autowired
    JdbcClient jdbc;

    /** A client address no other test uses. */
    private static String newClient() {
        int n = CLIENTS.getAndIncrement();
        return "198.51." + (100 + n / 250) + "." + (1 + n % 250);
    }

    private static String newEmail() {
        return "rl-" + System.nanoTime() + "@example.com";
    }

    private HttpResponse<String> post(String client, String path, String json) {
        return http.postJson(path, json, "X-Forwarded-For", client);
    }

    private HttpResponse<String> login(String client, String email, String password) {
        return post(client, "/api/v1/auth/login", "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}");
    }

    private static void assertRateLimited(HttpResponse<String> response, String policyHeaderPart) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(429);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(response.body()).contains("\"code\":\"rate_limited\"");
        assertThat(response.headers().firstValue("Retry-After")).hasValueSatisfying(
                seconds -> assertThat(Long.parseLong(seconds)).isPositive());
        assertThat(response.headers().firstValue("RateLimit-Policy")).hasValueSatisfying(
                policy -> assertThat(policy).contains(policyHeaderPart));
        assertThat(response.headers().firstValue("RateLimit")).hasValueSatisfying(
                limit -> assertThat(limit).contains(";r=0;t="));
    }

    @Test
    void theSixthSignInAttemptOnOneAccountFromOneIpIsRefusedEvenWithTheRightPassword_LOG2() {
        String email = signedUp(newEmail(), "X-Forwarded-For", newClient());
        String client = newClient();
        for (int i = 0; i < 5; i++) {
            assertThat(login(client, email, "wrong password number " + i).statusCode()).isEqualTo(401);
        }

        assertRateLimited(login(client, email, PASSWORD), "\"login.ip+account.15m\";q=5;w=900");
        // Another account from the same IP, and the same account from another IP, still get through.
        assertThat(login(client, newEmail(), "some password").statusCode()).isEqualTo(401);
        assertThat(login(newClient(), email, PASSWORD).statusCode()).isEqualTo(200);
    }

    @Test
    void successfulResponsesCarryTheRateLimitHeadersToo_LOG2() {
        HttpResponse<String> response = login(newClient(), newEmail(), "some password");

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("RateLimit-Policy")).hasValue(
                "\"login.ip+account.15m\";q=5;w=900, \"login.account.1d\";q=100;w=86400, \"login.ip.5m\";q=100;w=300");
        assertThat(response.headers().firstValue("RateLimit")).hasValueSatisfying(
                limit -> assertThat(limit).startsWith("\"login.ip+account.15m\";r=4;t="));
    }

    @Test
    void anAccountGetsAtMostOneHundredSignInAttemptsADayFromAnyNumberOfIps_LOG2() {
        String email = newEmail();
        for (int i = 0; i < 100; i++) {
            String client = newClient();
            assertThat(login(client, email, "guess " + i).statusCode()).isEqualTo(401);
        }

        assertRateLimited(login(newClient(), email, "guess 101"), "\"login.account.1d\";q=100;w=86400");
    }

    @Test
    void theFourthSignUpFromOneIpWithinAnHourIsRefusedAndCreatesNothing_LOG2() {
        String client = newClient();
        for (int i = 0; i < 3; i++) {
            assertThat(post(client, "/api/v1/auth/register",
                    "{\"email\":\"" + newEmail() + "\",\"password\":\"" + PASSWORD + "\"}").statusCode()).isEqualTo(202);
        }
        String refusedEmail = newEmail();

        assertRateLimited(post(client, "/api/v1/auth/register",
                "{\"email\":\"" + refusedEmail + "\",\"password\":\"" + PASSWORD + "\"}"), "\"signup.ip.1h\";q=3;w=3600");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM users WHERE email = :e").param("e", refusedEmail).query(Integer.class)
                .single()).isZero();
        assertThat(post(newClient(), "/api/v1/auth/register",
                "{\"email\":\"" + refusedEmail + "\",\"password\":\"" + PASSWORD + "\"}").statusCode()).isEqualTo(202);
    }

    @Test
    void forgotPasswordIsLimitedPerEmailAlikeForKnownAndUnknownAddresses_LOG2() {
        String known = signedUp(newEmail(), "X-Forwarded-For", newClient());
        String unknown = newEmail();
        for (String email : new String[] { known, unknown }) {
            for (int i = 0; i < 3; i++) {
                assertThat(post(newClient(), "/api/v1/auth/password/forgot", "{\"email\":\"" + email + "\"}")
                        .statusCode()).isEqualTo(202);
            }
            assertRateLimited(post(newClient(), "/api/v1/auth/password/forgot",
                    "{\"email\":\"" + email.toUpperCase() + "\"}"), "\"forgot.account.1h\";q=3;w=3600");
        }
        assertThat(post(newClient(), "/api/v1/auth/password/forgot", "{\"email\":\"" + newEmail() + "\"}")
                .statusCode()).isEqualTo(202);
    }

    @Test
    void resendIsLimitedPerEmailAlikeForKnownAndUnknownAddresses_LOG2_ACC3() {
        String email = newEmail();
        for (int i = 0; i < 3; i++) {
            assertThat(post(newClient(), "/api/v1/auth/verify-email/resend", "{\"email\":\"" + email + "\"}")
                    .statusCode()).isEqualTo(202);
        }

        assertRateLimited(post(newClient(), "/api/v1/auth/verify-email/resend", "{\"email\":\"" + email + "\"}"),
                "\"resend.account.1h\";q=3;w=3600");
    }

    @Test
    void theEleventhVerificationAttemptFromOneIpWithinAMinuteIsRefused_LOG2() {
        String client = newClient();
        for (int i = 0; i < 10; i++) {
            assertThat(post(client, "/api/v1/auth/verify-email", "{\"token\":\"not-a-token-" + i + "\"}").statusCode())
                    .isEqualTo(400);
        }

        assertRateLimited(post(client, "/api/v1/auth/verify-email", "{\"token\":\"not-a-token\"}"),
                "\"verify.ip.1m\";q=10;w=60");
    }

    @Test
    void theTwentyFirstRefreshFromOneIpWithinAMinuteIsRefused_LOG2() {
        String client = newClient();
        for (int i = 0; i < 20; i++) {
            assertThat(post(client, "/api/v1/auth/refresh", "{\"refresh_token\":\"bogus" + i + "\"}").statusCode())
                    .isEqualTo(401);
        }

        assertRateLimited(post(client, "/api/v1/auth/refresh", "{\"refresh_token\":\"bogus\"}"),
                "\"refresh.ip.1m\";q=20;w=60");
    }

    @Test
    void theSixthPasswordResetFromOneIpWithinAnHourIsRefused_LOG2() {
        String client = newClient();
        String body = "{\"token\":\"not-a-reset-token\",\"new_password\":\"" + PASSWORD + "\"}";
        for (int i = 0; i < 5; i++) {
            assertThat(post(client, "/api/v1/auth/password/reset", body).statusCode()).isEqualTo(400);
        }

        assertRateLimited(post(client, "/api/v1/auth/password/reset", body), "\"reset-post.ip.1h\";q=5;w=3600");
    }

    @Test
    void authenticatedCallsCountAgainstTheUsersQuotaWhateverTheirIp_LOG4() {
        Tokens tokens = Tokens.of(login(newClient(), signedUp(newEmail(), "X-Forwarded-For", newClient()), PASSWORD));
        for (int i = 0; i < 5; i++) {
            HttpResponse<String> me = http.get("/api/v1/me", "Authorization", "Bearer " + tokens.access(),
                    "X-Forwarded-For", newClient());
            assertThat(me.statusCode()).isEqualTo(200);
            assertThat(me.headers().firstValue("RateLimit")).hasValueSatisfying(
                    limit -> assertThat(limit).startsWith("\"api.user.1m\";r="));
        }

        assertRateLimited(http.get("/api/v1/me", "Authorization", "Bearer " + tokens.access(), "X-Forwarded-For",
                newClient()), "\"api.user.1m\";q=5;w=60");
    }

    @Test
    void eachApiKeyHasItsOwnQuotaApartFromItsOwnersSessions_LOG4() {
        Tokens tokens = Tokens.of(login(newClient(), signedUp(newEmail(), "X-Forwarded-For", newClient()), PASSWORD));
        String[] keys = new String[2];
        for (int k = 0; k < 2; k++) {
            HttpResponse<String> created = http.postJson("/api/v1/me/api-keys",
                    "{\"name\":\"k" + k + "\",\"scopes\":[\"account\"]}", "Authorization", "Bearer " + tokens.access());
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            keys[k] = field(created.body(), "key");
        }
        for (int i = 0; i < 5; i++) {
            assertThat(http.get("/api/v1/me", "X-API-Key", keys[0]).statusCode()).isEqualTo(200);
        }
        assertRateLimited(http.get("/api/v1/me", "X-API-Key", keys[0]), "\"api.user.1m\";q=5;w=60");
        assertThat(http.get("/api/v1/me", "X-API-Key", keys[1]).statusCode()).as("another key").isEqualTo(200);
        assertThat(me(tokens.access()).statusCode()).as("the owner's session (2 of 5 used)").isEqualTo(200);
    }

    @Test
    void anAdminGetsTheAdminTiersLargerQuota_LOG4() {
        String email = signedUp(newEmail(), "X-Forwarded-For", newClient());
        String userId = jdbc.sql("SELECT id FROM users WHERE email = :e").param("e", email).query(String.class).single();
        jdbc.sql("INSERT INTO user_role (user_id, role) VALUES (:id, 'admin')").param("id", userId).update();
        Tokens tokens = Tokens.of(login(newClient(), email, PASSWORD));
        for (int i = 0; i < 8; i++) {
            assertThat(me(tokens.access()).statusCode()).isEqualTo(200);
        }

        assertRateLimited(me(tokens.access()), "\"api.user.1m\";q=8;w=60");
    }

    @Test
    void theOpenApiDocumentAnnouncesTheTooManyRequestsAnswer_LOG2_OPS7() {
        String openApi = http.get("/v3/api-docs").body();

        assertThat(openApi).contains("\"429\"", "rate_limited", "\"RateLimit-Policy\"", "\"Retry-After\"");
    }
}
