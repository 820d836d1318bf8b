package dev.portcullis.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

import dev.portcullis.shared.SecretTokens;
import dev.portcullis.testing.AccountFlowTest;
import dev.portcullis.testing.IntegrationTest;

/** ACC-8 over real HTTP: the export of one's own data, and account deletion. */
@IntegrationTest
@TestPropertySource(properties = {
        "portcullis.mail.poll-interval=200ms",
        "db-scheduler.polling-interval=200ms"})
class AccountDataIT extends AccountFlowTest {

    @Autowired
    JdbcClient jdbc;

    @Test
    void exportHoldsProfileSessionsEventsAndPendingLinksButNoSecrets_ACC8() {
        String email = "export@example.com";
        Tokens tokens = signedIn(email);
        HttpResponse<String> forgot = http.postJson("/api/v1/auth/password/forgot", "{\"email\":\"" + email + "\"}");
        assertThat(forgot.statusCode()).isEqualTo(202);

        HttpResponse<String> export = http.get("/api/v1/me/export", "Authorization", "Bearer " + tokens.access());

        assertThat(export.statusCode()).as(export.body()).isEqualTo(200);
        assertThat(export.headers().firstValue("Content-Disposition").orElseThrow())
                .isEqualTo("attachment; filename=\"portcullis-export.json\"");
        assertThat(export.headers().firstValue("Cache-Control").orElseThrow()).contains("no-store");
        assertThat(export.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");
        String body = export.body();
        assertThat(body).contains("\"format\":\"portcullis-account-export/1\"", "\"profile\":{",
                "\"email\":\"" + email + "\"", "\"status\":\"active\"", "\"roles\":[\"user\"]",
                "\"email_verified_at\":\"", "\"last_login_at\":\"", "\"failed_login_count\":0",
                "\"sessions\":[{", "\"user_agent\":", "\"device\":", "\"current\":true",
                "\"pending_links\":[{\"purpose\":\"password_reset\"",
                "\"audit_events\":{", "\"limit\":10000", "\"truncated\":false",
                "\"type\":\"user.registered\"", "\"type\":\"login.succeeded\"", "\"type\":\"account.exported\"");
        assertThat(body).doesNotContain("password_hash", "$argon2", "argon2id", "token_hash", tokens.access(),
                tokens.refresh(), SecretTokens.hash(tokens.refresh()));
        List<String> tokenHashes = jdbc.sql("SELECT t.token_hash FROM account_token t JOIN users u ON u.id = t.user_id "
                + "WHERE u.email_key = :key").param("key", email).query(String.class).list();
        assertThat(tokenHashes).hasSize(2); // the used verification link and the pending reset link
        assertThat(body).doesNotContain(tokenHashes.toArray(String[]::new));
    }

    @Test
    void deleteWithAWrongPasswordChangesNothing_ACC8() {
        String email = "keep@example.com";
        Tokens tokens = signedIn(email);

        HttpResponse<String> wrong = delete(tokens, "{\"current_password\":\"not my password\"}");
        assertThat(wrong.statusCode()).isEqualTo(400);
        assertThat(wrong.body()).contains("validation_failed", "current_password");
        assertThat(delete(tokens, "{}").statusCode()).as("missing password").isEqualTo(400);

        assertThat(me(tokens.access()).statusCode()).isEqualTo(200);
        assertThat(me(tokens.access()).body()).contains("\"email\":\"" + email + "\"");
        assertThat(login(email, PASSWORD).statusCode()).isEqualTo(200);
        assertThat(activity(tokens)).contains("\"type\":\"password.confirmation_failed\"")
                .doesNotContain("account.deleted");
    }

    @Test
    void deleteEndsEverySessionAtOnceAndKeepsTheAddressReservedUntilThePurge_ACC8_TOK4() {
        String email = "leaving@example.com";
        Tokens other = signedIn(email);
        Tokens current = Tokens.of(login(email, PASSWORD));

        HttpResponse<String> deleted = delete(current, "{\"current_password\":\"" + PASSWORD + "\"}");
        assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(204);

        // The sessions are revoked in the deleting transaction, so the guard refuses them before it looks at the account.
        assertThat(me(current.access()).statusCode()).isEqualTo(401);
        assertThat(me(other.access()).statusCode()).isEqualTo(401);
        assertThat(refresh(current.refresh()).statusCode()).isEqualTo(401);
        assertThat(refresh(other.refresh()).statusCode()).isEqualTo(401);
        HttpResponse<String> signIn = login(email, PASSWORD);
        assertThat(signIn.statusCode()).as("the right password meets the disabled account").isEqualTo(403);
        assertThat(signIn.body()).contains("account_disabled");
        assertThat(login(email, "a wrong password here").statusCode()).isEqualTo(401);
        await().atMost(Duration.ofSeconds(30)).until(() -> Arrays.stream(smtp.getReceivedMessages())
                .anyMatch(m -> recipient(m).equals(email) && subject(m).equals("Your account was deleted")));

        HttpResponse<String> again = http.postJson("/api/v1/auth/register",
                "{\"email\":\"" + email + "\",\"password\":\"another long passphrase 99\"}");
        assertThat(again.statusCode()).as("enumeration parity").isEqualTo(202);
        assertThat(jdbc.sql("SELECT status FROM users WHERE email_key = :key").param("key", email)
                .query(String.class).list()).as("no second account before the purge").containsExactly("deleted");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM users u JOIN account_token t ON t.user_id = u.id "
                + "WHERE u.email_key = :key AND t.used_at IS NULL").param("key", email).query(Long.class).single())
                .as("no usable link is left").isZero();
        assertThat(login(email, "another long passphrase 99").statusCode()).isEqualTo(401);
    }

    @Test
    void theDataRoutesNeedASignedInCaller_ACC8() {
        assertThat(http.get("/api/v1/me/export").statusCode()).isEqualTo(401);
        assertThat(http.send(http.request("/api/v1/me").header("Content-Type", "application/json")
                .method("DELETE", HttpRequest.BodyPublishers.ofString("{\"current_password\":\"x\"}")).build())
                .statusCode()).isEqualTo(401);
    }

    @Test
    void theOpenApiDocumentDescribesTheExportAndTheDeletion_ACC8_OPS7() {
        String openApi = http.get("/v3/api-docs").body();

        assertThat(openApi).contains("\"/api/v1/me/export\"", "\"Document\"", "\"PendingLink\"",
                "\"AccountDeletionRequest\"");
        assertThat(openApi).as("the document names fields as the wire does (snake_case)")
                .contains("\"current_password\"", "\"pending_links\"", "\"refresh_token\"")
                .doesNotContain("\"currentPassword\"", "\"pendingLinks\"", "\"refreshToken\"");
        assertThat(openApi).doesNotContain("token_hash", "password_hash");
    }

    private HttpResponse<String> delete(Tokens tokens, String json) {
        return http.send(http.request("/api/v1/me").header("Authorization", "Bearer " + tokens.access())
                .header("Content-Type", "application/json").method("DELETE", HttpRequest.BodyPublishers.ofString(json))
                .build());
    }

    private String activity(Tokens tokens) {
        return http.get("/api/v1/me/activity", "Authorization", "Bearer " + tokens.access()).body();
    }
}
