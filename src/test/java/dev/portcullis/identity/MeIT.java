package dev.portcullis.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

import dev.portcullis.testing.AccountFlowTest;
import dev.portcullis.testing.IntegrationTest;

/** The caller's own account over real HTTP: profile, password change (ACC-7), email change (ACC-6). */
@IntegrationTest
@TestPropertySource(properties = {
        "portcullis.mail.poll-interval=200ms",
        "db-scheduler.polling-interval=200ms"})
class MeIT extends AccountFlowTest {

    private static final String NEW_PASSWORD = "a different long passphrase 77";

    @Test
    void displayNameCanBeChangedButRolesStatusAndVerificationCannot_ADM1_ACC5() {
        Tokens tokens = signedIn("profile@example.com");

        HttpResponse<String> renamed = patch(tokens, "{\"display_name\":\"Ada Lovelace\"}");
        assertThat(renamed.statusCode()).as(renamed.body()).isEqualTo(200);
        assertThat(renamed.body()).contains("\"display_name\":\"Ada Lovelace\"");

        for (String attempt : new String[] {"{\"roles\":[\"admin\"]}", "{\"status\":\"active\"}",
                "{\"email_verified\":true}", "{\"display_name\":\"x\",\"roles\":[\"admin\"]}", "{\"email\":\"b@example.com\"}"}) {
            HttpResponse<String> refused = patch(tokens, attempt);
            assertThat(refused.statusCode()).as(attempt).isEqualTo(400);
            assertThat(refused.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        }
        HttpResponse<String> me = me(tokens.access());
        assertThat(me.body()).contains("\"roles\":[\"user\"]", "\"display_name\":\"Ada Lovelace\"",
                "\"email\":\"profile@example.com\"");
    }

    @Test
    void changingThePasswordNeedsTheCurrentOneAndEndsEveryOtherSession_ACC7() {
        String email = signedUp("change-password@example.com");
        Tokens other = Tokens.of(login(email, PASSWORD));
        Tokens current = Tokens.of(login(email, PASSWORD));

        HttpResponse<String> wrong = changePassword(current, "not my password", NEW_PASSWORD);
        assertThat(wrong.statusCode()).isEqualTo(400);
        assertThat(wrong.body()).contains("current_password");
        HttpResponse<String> weak = changePassword(current, PASSWORD, "password");
        assertThat(weak.statusCode()).isEqualTo(400);
        assertThat(weak.body()).contains("new_password");

        HttpResponse<String> changed = changePassword(current, PASSWORD, NEW_PASSWORD);
        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(204);

        assertThat(me(current.access()).statusCode()).as("this session stays").isEqualTo(200);
        assertThat(me(other.access()).statusCode()).as("every other session ends").isEqualTo(401);
        assertThat(refresh(other.refresh()).statusCode()).isEqualTo(401);
        assertThat(login(email, PASSWORD).statusCode()).isEqualTo(401);
        assertThat(login(email, NEW_PASSWORD).statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(30)).until(() -> Arrays.stream(smtp.getReceivedMessages())
                .anyMatch(m -> recipient(m).equals(email) && subject(m).toLowerCase().contains("password")));
    }

    @Test
    void theEmailChangesOnlyWhenTheLinkToTheNewAddressIsFollowed_ACC6() {
        Tokens tokens = signedIn("old-address@example.com");

        HttpResponse<String> wrong = http.postJson("/api/v1/me/email",
                "{\"new_email\":\"new-address@example.com\",\"current_password\":\"nope\"}", bearer(tokens));
        assertThat(wrong.statusCode()).isEqualTo(400);

        HttpResponse<String> requested = http.postJson("/api/v1/me/email",
                "{\"new_email\":\"new-address@example.com\",\"current_password\":\"" + PASSWORD + "\"}", bearer(tokens));
        assertThat(requested.statusCode()).as(requested.body()).isEqualTo(202);
        assertThat(me(tokens.access()).body()).as("not yet").contains("\"email\":\"old-address@example.com\"");

        String token = mailedToken("new-address@example.com", "");
        HttpResponse<String> confirmed = http.postJson("/api/v1/me/email/confirm", "{\"token\":\"" + token + "\"}",
                bearer(tokens));
        assertThat(confirmed.statusCode()).as(confirmed.body()).isEqualTo(204);

        assertThat(me(tokens.access()).body()).contains("\"email\":\"new-address@example.com\"");
        assertThat(login("new-address@example.com", PASSWORD).statusCode()).isEqualTo(200);
        assertThat(login("old-address@example.com", PASSWORD).statusCode()).isEqualTo(401);
        assertThat(http.postJson("/api/v1/me/email/confirm", "{\"token\":\"" + token + "\"}", bearer(tokens))
                .statusCode()).as("single use").isEqualTo(400);
        await().atMost(Duration.ofSeconds(30)).until(() -> Arrays.stream(smtp.getReceivedMessages())
                .filter(m -> recipient(m).equals("old-address@example.com")).count() >= 2);
    }

    @Test
    void theAccountRoutesNeedASignedInCaller_LOG1() {
        assertThat(http.get("/api/v1/me").statusCode()).isEqualTo(401);
        assertThat(http.postJson("/api/v1/me/password", "{\"current_password\":\"a\",\"new_password\":\"b\"}")
                .statusCode()).isEqualTo(401);
    }

    private HttpResponse<String> patch(Tokens tokens, String json) {
        return http.send(http.request("/api/v1/me").header("Authorization", "Bearer " + tokens.access())
                .header("Content-Type", "application/json").method("PATCH", HttpRequest.BodyPublishers.ofString(json))
                .build());
    }

    private HttpResponse<String> changePassword(Tokens tokens, String current, String next) {
        return http.postJson("/api/v1/me/password",
                "{\"current_password\":\"" + current + "\",\"new_password\":\"" + next + "\"}", bearer(tokens));
    }

    private static String[] bearer(Tokens tokens) {
        return new String[] {"Authorization", "Bearer " + tokens.access()};
    }
}
