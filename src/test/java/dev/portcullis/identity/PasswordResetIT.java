package dev.portcullis.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import dev.portcullis.audit.AuditQuery;
import dev.portcullis.audit.AuditRecord;
import dev.portcullis.shared.EmailAddress;

/** RST-1, RST-2 over real HTTP and real SMTP. */
class PasswordResetIT extends AccountsHttpTest {

    private static final String RESET_SUBJECT = "Reset your password";

    @Test
    @DisplayName("RST-1, RST-2: link from the real mail resets the password, ends every session, clears lockout, notifies")
    void forgotThenResetWithLinkFromMail() {
        String email = newAddress();
        String userId = verifiedUser(email, STRONG_PASSWORD);
        String session = sessions.start(userId, true, java.util.List.of("pwd"), ORIGIN).sessionId();
        String otherSession = sessions.start(userId, false, java.util.List.of("pwd"), ORIGIN).sessionId();
        users.recordFailedLogin(userId, CLOCK.instant());
        users.lockUntil(userId, CLOCK.instant().plusSeconds(600));

        HttpResponse<String> forgot = forgot(email);

        assertThat(forgot.statusCode()).isEqualTo(202);
        assertThat(forgot.body()).isEqualTo("{\"status\":\"reset_sent\"}");
        String token = tokenFrom(awaitMail(email, RESET_SUBJECT), "/reset");

        assertProblem(reset(token, "password"), 400, "validation_failed");
        assertThat(sessions.isActive(session)).as("a refused password changes nothing").isTrue();

        assertThat(reset(token, OTHER_STRONG_PASSWORD).statusCode()).as("the token survived the policy refusal")
                .isEqualTo(204);

        UserAccount after = users.findById(userId).orElseThrow();
        assertThat(hasher.verify(STRONG_PASSWORD, after.passwordHash()).matches()).isFalse();
        assertThat(hasher.verify(OTHER_STRONG_PASSWORD, after.passwordHash()).matches()).isTrue();
        assertThat(after.passwordHash()).startsWith("{argon2id}");
        assertThat(after.failedLoginCount()).isZero();
        assertThat(after.lockedUntil()).isNull();
        assertThat(sessions.isActive(session)).isFalse();
        assertThat(sessions.isActive(otherSession)).isFalse();
        assertThat(awaitMail(email, "Your password was changed")).isNotNull();
        assertProblem(reset(token, "another Fine passphrase 9"), 400, "invalid_token");
        assertThat(audit.find(AuditQuery.forUser(userId)).items()).extracting(AuditRecord::type)
                .contains("password.reset_requested", "password.reset");
    }

    @Test
    @DisplayName("RST-1: known and unknown addresses get the same status and body; only the known one gets mail")
    void forgotEnumerationParity() {
        String known = newAddress();
        verifiedUser(known, STRONG_PASSWORD);
        String unknown = newAddress();

        HttpResponse<String> forKnown = forgot(known);
        HttpResponse<String> forUnknown = forgot(unknown);

        assertThat(forKnown.statusCode()).isEqualTo(forUnknown.statusCode()).isEqualTo(202);
        assertThat(forKnown.body()).isEqualTo(forUnknown.body());
        assertThat(queued(known, "password-reset")).isEqualTo(1);
        assertThat(queued(unknown, "password-reset")).isZero();
    }

    @Test
    @DisplayName("RST-1: a new request makes older unused links stop working")
    void newerRequestInvalidatesOlderLinks() {
        String email = newAddress();
        verifiedUser(email, STRONG_PASSWORD);
        forgot(email);
        String older = tokenFrom(awaitMail(email, RESET_SUBJECT), "/reset");
        forgot(email);
        String newer = tokenFrom(awaitMails(email, RESET_SUBJECT, 2).get(0), "/reset");

        assertThat(newer).isNotEqualTo(older);
        assertProblem(reset(older, OTHER_STRONG_PASSWORD), 400, "invalid_token");
        assertThat(reset(newer, OTHER_STRONG_PASSWORD).statusCode()).isEqualTo(204);
    }

    @Test
    @DisplayName("RST-1: a reset link expires after 15 minutes")
    void expiredLinkIsInvalidToken() {
        String email = newAddress();
        verifiedUser(email, STRONG_PASSWORD);
        forgot(email);
        String token = tokenFrom(awaitMail(email, RESET_SUBJECT), "/reset");
        CLOCK.advance(Duration.ofMinutes(15).plusSeconds(1));

        assertProblem(reset(token, OTHER_STRONG_PASSWORD), 400, "invalid_token");
    }

    @Test
    @DisplayName("RST-2: 20 parallel resets with one token: exactly one 204, the rest invalid_token")
    void twentyParallelResetsWithOneTokenSucceedOnce() throws Exception {
        String email = newAddress();
        verifiedUser(email, STRONG_PASSWORD);
        forgot(email);
        String token = tokenFrom(awaitMail(email, RESET_SUBJECT), "/reset");
        ExecutorService pool = Executors.newFixedThreadPool(20);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                String password = OTHER_STRONG_PASSWORD + " " + i;
                calls.add(CompletableFuture.supplyAsync(() -> {
                    await(start);
                    return reset(token, password);
                }, pool));
            }
            start.countDown();
            List<HttpResponse<String>> responses = calls.stream().map(CompletableFuture::join).toList();

            assertThat(responses).filteredOn(r -> r.statusCode() == 204).hasSize(1);
            assertThat(responses).filteredOn(r -> r.statusCode() != 204)
                    .allSatisfy(r -> assertProblem(r, 400, "invalid_token"));
        } finally {
            pool.shutdownNow();
        }
        assertThat(queued(email, "password-changed")).isEqualTo(1);
    }

    @Test
    @DisplayName("RST-2: resetting an unverified account verifies its address (the link proves ownership)")
    void resetOfUnverifiedAccountVerifiesIt() {
        String email = newAddress();
        register(email, STRONG_PASSWORD);
        forgot(email);
        String token = tokenFrom(awaitMail(email, RESET_SUBJECT), "/reset");

        assertThat(reset(token, OTHER_STRONG_PASSWORD).statusCode()).isEqualTo(204);

        assertThat(users.findByEmail(EmailAddress.parse(email)).orElseThrow().emailVerified()).isTrue();
    }

    @Test
    @DisplayName("RST-1: a blocked account gets no reset mail, and the answer is the same")
    void blockedAccountGetsNoMail() {
        String email = newAddress();
        String userId = verifiedUser(email, STRONG_PASSWORD);
        jdbc.sql("UPDATE users SET status = 'blocked' WHERE id = :id").param("id", userId).update();

        HttpResponse<String> response = forgot(email);

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(response.body()).isEqualTo("{\"status\":\"reset_sent\"}");
        assertThat(queued(email, "password-reset")).isZero();
    }

    private HttpResponse<String> forgot(String email) {
        return http.postJson("/api/v1/auth/password/forgot", "{\"email\":\"" + email + "\"}");
    }

    private HttpResponse<String> reset(String token, String password) {
        return http.postJson("/api/v1/auth/password/reset",
                "{\"token\":\"" + token + "\",\"new_password\":\"" + password + "\"}");
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
