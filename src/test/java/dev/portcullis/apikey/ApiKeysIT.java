package dev.portcullis.apikey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;

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
 * KEY-1..2 over real HTTP: keys shown once and stored only as a peppered HMAC, used as Bearer or
 * X-API-Key, limited to their scopes and their owner's permissions, revocable, expiring, dead with
 * a blocked owner, invisible to other users (IDOR), and last_used_at written at most once a minute.
 */
@IntegrationTest
@Import(ApiKeysIT.ClockConfiguration.class)
@TestPropertySource(properties = { "portcullis.mail.poll-interval=200ms", "db-scheduler.polling-interval=200ms",
        "portcullis.api-keys.revocation-check-interval=1ms" })
class ApiKeysIT extends AdminFlowTest {

    static final AdvancingClock CLOCK = new AdvancingClock();

    @TestConfiguration(proxyBeanMethods = false)
    static class ClockConfiguration {
        @Bean
        @Primary
        Clock advancingClock() {
            return CLOCK;
        }
    }

    private String keyHash(String keyId) {
        return jdbc.sql("SELECT secret_hash FROM api_key WHERE id = :id").param("id", keyId).query(String.class).single();
    }

    private Instant lastUsed(String keyId) {
        OffsetDateTime at = jdbc.sql("SELECT last_used_at FROM api_key WHERE id = :id").param("id", keyId)
                .query(OffsetDateTime.class).optional().orElse(null);
        return at == null ? null : at.toInstant();
    }

    @Test
    void aKeyIsShownOnceAndStoredOnlyAsAnHmac_KEY1() {
        String access = signedIn(newEmail("key-once")).access();
        HttpResponse<String> created = createKey(access, "deploy bot", "[\"account\"]");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String key = field(created.body(), "key");
        String id = field(created.body(), "id");
        assertThat(key).matches("pc_[0-9a-f]{16}_[A-Za-z0-9_-]{43}");
        assertThat(field(created.body(), "prefix")).isEqualTo(key.substring(0, 19));
        assertThat(created.headers().firstValue("Cache-Control")).hasValue("no-store");

        HttpResponse<String> list = http.get("/api/v1/me/api-keys", bearer(access));
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body()).contains(id, "deploy bot", key.substring(0, 19)).doesNotContain(key)
                .doesNotContain(key.substring(20)).doesNotContain("hash");

        String stored = keyHash(id);
        assertThat(stored).isNotEqualTo(key).doesNotContain(key.substring(20)).hasSize(43);
        assertThat(stored).as("peppered: not a plain SHA-256 of the key")
                .isNotEqualTo(dev.portcullis.shared.SecretTokens.hash(key));
        assertThat(http.get("/api/v1/me/api-keys", bearer(access)).body()).doesNotContain(key);
    }

    @Test
    void aKeyAuthenticatesAsBearerOrXApiKeyAndActsAsItsOwner_KEY1() {
        String email = newEmail("key-use");
        String access = signedIn(email).access();
        String key = apiKey(access, "account");

        HttpResponse<String> viaBearer = http.get("/api/v1/me", bearer(key));
        assertThat(viaBearer.statusCode()).as(viaBearer.body()).isEqualTo(200);
        assertThat(viaBearer.body()).contains(email);
        assertThat(http.get("/api/v1/me", "X-API-Key", key).statusCode()).isEqualTo(200);

        assertThat(http.get("/api/v1/me", "X-API-Key", key, "Authorization", "Bearer " + access).statusCode())
                .as("two credentials at once").isEqualTo(401);
        HttpResponse<String> makeAnother = createKey(key, "from a key", "[\"account\"]");
        assertThat(makeAnother.statusCode()).as("a key is never a recent sign-in (MFA-5)").isEqualTo(403);
        assertThat(makeAnother.body()).contains("\"code\":\"step_up_required\"");
    }

    @Test
    void unknownTamperedRevokedAndExpiredKeysAre401_KEY1() {
        String access = signedIn(newEmail("key-dead")).access();
        String key = apiKey(access, "account");
        String tampered = key.substring(0, key.length() - 1) + (key.endsWith("A") ? "B" : "A");
        assertThat(http.get("/api/v1/me", bearer(tampered)).statusCode()).isEqualTo(401);
        assertThat(http.get("/api/v1/me", "X-API-Key", "pc_nonsense").statusCode()).isEqualTo(401);
        HttpResponse<String> unknown = http.get("/api/v1/me", "X-API-Key",
                "pc_0123456789abcdef_" + "A".repeat(43));
        assertThat(unknown.statusCode()).isEqualTo(401);
        assertThat(unknown.body()).contains("\"code\":\"unauthorized\"");

        HttpResponse<String> created = createKey(access, "short-lived", "[\"account\"]");
        String id = field(created.body(), "id");
        String revokedKey = field(created.body(), "key");
        assertThat(http.get("/api/v1/me", bearer(revokedKey)).statusCode()).isEqualTo(200);
        assertThat(http.json("DELETE", "/api/v1/me/api-keys/" + id, null, bearer(access)).statusCode()).isEqualTo(204);
        assertThat(http.get("/api/v1/me", bearer(revokedKey)).statusCode()).as("revoked at once").isEqualTo(401);
        assertThat(http.get("/api/v1/me/api-keys", bearer(access)).body()).doesNotContain(id);

        HttpResponse<String> oneDay = http.postJson("/api/v1/me/api-keys",
                "{\"name\":\"one day\",\"scopes\":[\"account\"],\"expires_in_days\":1}", bearer(access));
        assertThat(oneDay.statusCode()).isEqualTo(201);
        String dayKey = field(oneDay.body(), "key");
        assertThat(http.get("/api/v1/me", bearer(dayKey)).statusCode()).isEqualTo(200);
        CLOCK.advance(Duration.ofDays(1).plusSeconds(1));
        assertThat(http.get("/api/v1/me", bearer(dayKey)).statusCode()).as("expired").isEqualTo(401);
        assertThat(http.get("/api/v1/me", bearer(key)).statusCode()).as("the 90-day key still works").isEqualTo(200);
    }

    @Test
    void scopesMustBeHeldByTheOwnerAndAreEnforced_KEY2() {
        String access = signedIn(newEmail("key-scope")).access();
        HttpResponse<String> escalate = createKey(access, "escalate", "[\"users:read\"]");
        assertThat(escalate.statusCode()).isEqualTo(400);
        assertThat(escalate.body()).contains("\"code\":\"validation_failed\"", "\"field\":\"scopes\"");
        assertThat(createKey(access, "nothing", "[]").statusCode()).isEqualTo(400);
        assertThat(createKey(access, "made up", "[\"everything\"]").statusCode()).isEqualTo(400);
        assertThat(http.postJson("/api/v1/me/api-keys", "{\"name\":\"x\",\"scopes\":[\"account\"],\"expires_in_days\":9999}",
                bearer(access)).statusCode()).as("beyond the maximum lifetime").isEqualTo(400);

        String promoted = newEmail("key-scope-promoted");
        String passwordOnly = signedIn(promoted).access();
        grant(promoted, "admin");
        HttpResponse<String> withoutMfa = createKey(passwordOnly, "admin scopes, no MFA", "[\"users:read\"]");
        assertThat(withoutMfa.statusCode()).as("privileged scopes need an MFA session (MFA-6)").isEqualTo(403);
        assertThat(createKey(passwordOnly, "own account", "[\"account\"]").statusCode()).isEqualTo(201);

        String admin = adminSignedIn(newEmail("key-scope-admin"), CLOCK).access();
        String auditOnly = apiKey(admin, "audit:read");
        HttpResponse<String> users = http.get("/api/v1/admin/users", bearer(auditOnly));
        assertThat(users.statusCode()).isEqualTo(403);
        assertThat(users.body()).contains("\"code\":\"insufficient_scope\"");
        assertThat(http.get("/api/v1/me", bearer(auditOnly)).statusCode()).as("no account scope").isEqualTo(403);
        assertThat(http.get("/api/v1/admin/audit-events", bearer(auditOnly)).statusCode()).isEqualTo(200);
    }

    @Test
    void aDemotedOrBlockedOwnersKeysStopWorking_KEY2() {
        String email = newEmail("key-owner");
        String admin = adminSignedIn(email, CLOCK).access();
        String usersKey = apiKey(admin, "users:read", "account");
        assertThat(http.get("/api/v1/admin/users", bearer(usersKey)).statusCode()).isEqualTo(200);

        jdbc.sql("DELETE FROM user_role WHERE user_id = :id AND role = 'admin'").param("id", userId(email)).update();
        // The guard caches an owner's roles for the revocation-check interval (1 s here).
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(
                http.get("/api/v1/admin/users", bearer(usersKey)).statusCode())
                .as("the owner no longer holds users:read").isEqualTo(403));
        assertThat(http.get("/api/v1/me", bearer(usersKey)).statusCode()).isEqualTo(200);

        jdbc.sql("UPDATE users SET status = 'blocked' WHERE id = :id").param("id", userId(email)).update();
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            HttpResponse<String> blocked = http.get("/api/v1/me", bearer(usersKey));
            assertThat(blocked.statusCode()).isEqualTo(403);
            assertThat(blocked.body()).contains("\"code\":\"account_disabled\"");
        });
    }

    @Test
    void usersCannotSeeOrRevokeOthersKeysOrSessions_KEY1() {
        String alice = signedIn(newEmail("key-alice")).access();
        HttpResponse<String> created = createKey(alice, "alice's", "[\"account\"]");
        String aliceKeyId = field(created.body(), "id");
        String aliceKey = field(created.body(), "key");
        String aliceSession = field(http.get("/api/v1/me/sessions", bearer(alice)).body(), "id");

        String mallory = signedIn(newEmail("key-mallory")).access();
        assertThat(http.get("/api/v1/me/api-keys", bearer(mallory)).body()).doesNotContain(aliceKeyId);
        HttpResponse<String> revoke = http.json("DELETE", "/api/v1/me/api-keys/" + aliceKeyId, null, bearer(mallory));
        assertThat(revoke.statusCode()).isEqualTo(404);
        assertThat(revoke.body()).contains("\"code\":\"not_found\"");
        assertThat(http.json("DELETE", "/api/v1/me/sessions/" + aliceSession, null, bearer(mallory)).statusCode())
                .isEqualTo(404);
        assertThat(http.get("/api/v1/me", bearer(aliceKey)).statusCode()).as("alice's key still works").isEqualTo(200);
        assertThat(http.get("/api/v1/me", bearer(alice)).statusCode()).as("alice's session still works").isEqualTo(200);
    }

    @Test
    void lastUsedIsWrittenAtMostOnceAMinute_KEY1() {
        String access = signedIn(newEmail("key-used")).access();
        HttpResponse<String> created = createKey(access, "busy", "[\"account\"]");
        String id = field(created.body(), "id");
        String key = field(created.body(), "key");
        assertThat(lastUsed(id)).isNull();

        assertThat(http.get("/api/v1/me", bearer(key)).statusCode()).isEqualTo(200);
        Instant first = lastUsed(id);
        assertThat(first).isNotNull();
        CLOCK.advance(Duration.ofSeconds(20));
        for (int i = 0; i < 5; i++) {
            assertThat(http.get("/api/v1/me", bearer(key)).statusCode()).isEqualTo(200);
        }
        assertThat(lastUsed(id)).as("no write within the minute").isEqualTo(first);

        CLOCK.advance(Duration.ofSeconds(61));
        assertThat(http.get("/api/v1/me", bearer(key)).statusCode()).isEqualTo(200);
        assertThat(lastUsed(id)).isAfter(first.plusSeconds(60));
        assertThat(http.get("/api/v1/me/api-keys", bearer(access)).body()).contains("\"last_used_at\":\"");
    }
}
