package dev.portcullis.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.portcullis.audit.AuditQuery;
import dev.portcullis.audit.AuditRecord;
import dev.portcullis.shared.EmailAddress;
import jakarta.mail.internet.MimeMessage;

/** ACC-1, ACC-2, ACC-4 over real HTTP and real SMTP. */
class RegistrationIT extends AccountsHttpTest {

    private static final String ACCEPTED = "{\"status\":\"verification_sent\"}";

    @Test
    @DisplayName("ACC-1, ACC-2: sign-up mails a link; the link's token verifies once (204), then it is invalid_token")
    void registerThenVerifyWithLinkFromRealMail() {
        String email = newAddress();

        HttpResponse<String> registered = register(email, STRONG_PASSWORD);

        assertThat(registered.statusCode()).isEqualTo(202);
        assertThat(registered.body()).isEqualTo(ACCEPTED);
        UserAccount created = users.findByEmail(EmailAddress.parse(email)).orElseThrow();
        assertThat(created.emailVerified()).isFalse();
        assertThat(created.passwordHash()).startsWith("{argon2id}$argon2id$");
        assertThat(created.roles()).containsExactly("user");
        MimeMessage mail = awaitMail(email, "Confirm your email address");
        String token = tokenFrom(mail, "/verify-email");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM account_token WHERE token_hash = :t").param("t", token)
                .query(Long.class).single()).as("only the hash is stored").isZero();

        HttpResponse<String> verified = http.postJson("/api/v1/auth/verify-email", "{\"token\":\"" + token + "\"}");

        assertThat(verified.statusCode()).isEqualTo(204);
        assertThat(users.statusOf(created.id())).contains(new UserStatusSnapshot(UserStatus.ACTIVE, true));
        assertProblem(http.postJson("/api/v1/auth/verify-email", "{\"token\":\"" + token + "\"}"), 400, "invalid_token");
        assertThat(audit.find(AuditQuery.forUser(created.id())).items()).extracting(AuditRecord::type)
                .contains("user.registered", "email.verified");
    }

    @Test
    @DisplayName("ACC-1: an existing address gets the identical answer, no change to the account, and a notice mail")
    void registerExistingEmailThenIdenticalAnswerAndNotice() {
        String email = newAddress();
        HttpResponse<String> first = register(email, STRONG_PASSWORD);
        UserAccount before = users.findByEmail(EmailAddress.parse(email)).orElseThrow();

        HttpResponse<String> second = register(email.toUpperCase(java.util.Locale.ROOT), OTHER_STRONG_PASSWORD);

        assertThat(second.statusCode()).isEqualTo(first.statusCode()).isEqualTo(202);
        assertThat(second.body()).isEqualTo(first.body()).isEqualTo(ACCEPTED);
        assertThat(users.findByEmail(EmailAddress.parse(email))).contains(before);
        MimeMessage notice = awaitMail(email, "Sign-up attempt with your email address");
        assertThat(notice).isNotNull();
        assertThat(queued(email, "verify-email")).as("no second verification link").isEqualTo(1);
    }

    @Test
    @DisplayName("ACC-1: known and unknown addresses get the same status and the same bytes")
    void registerEnumerationParity() {
        String known = newAddress();
        register(known, STRONG_PASSWORD);

        HttpResponse<String> forKnown = register(known, OTHER_STRONG_PASSWORD);
        HttpResponse<String> forUnknown = register(newAddress(), OTHER_STRONG_PASSWORD);

        assertThat(forKnown.statusCode()).isEqualTo(forUnknown.statusCode());
        assertThat(forKnown.body()).isEqualTo(forUnknown.body());
        assertThat(forKnown.headers().firstValue("Content-Type")).isEqualTo(forUnknown.headers().firstValue("Content-Type"));
    }

    @Test
    @DisplayName("ACC-1: concurrent sign-ups of one address: all 202, exactly one account")
    void concurrentRegistrationsCreateOneAccount() {
        String email = newAddress();
        List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            calls.add(CompletableFuture.supplyAsync(() -> register(email, STRONG_PASSWORD)));
        }

        List<HttpResponse<String>> responses = calls.stream().map(CompletableFuture::join).toList();

        assertThat(responses).allSatisfy(r -> {
            assertThat(r.statusCode()).isEqualTo(202);
            assertThat(r.body()).isEqualTo(ACCEPTED);
        });
        assertThat(jdbc.sql("SELECT COUNT(*) FROM users WHERE email_key = :k").param("k", email).query(Long.class)
                .single()).isEqualTo(1);
    }

    @Test
    @DisplayName("PWD-2, ACC-4: every bad field is reported at once as validation_failed; nothing is created")
    void registerWithBadInputListsEveryFieldError() {
        String email = "not-an-address";
        HttpResponse<String> response = http.postJson("/api/v1/auth/register",
                "{\"email\":\"" + email + "\",\"password\":\"password\",\"display_name\":\"" + "n".repeat(51) + "\"}");

        assertProblem(response, 400, "validation_failed");
        assertThat(response.body()).contains("\"field\":\"email\"").contains("\"code\":\"invalid_email\"")
                .contains("\"field\":\"password\"").contains("\"code\":\"too_short\"")
                .contains("\"code\":\"common_password\"").contains("\"field\":\"display_name\"")
                .doesNotContain("\"password\":\"password\"");
        String personal = newAddress();
        HttpResponse<String> containsEmail = register(personal,
                personal.substring(0, personal.indexOf('@')) + " tulip Orbit");
        assertProblem(containsEmail, 400, "validation_failed");
        assertThat(containsEmail.body()).contains("contains_personal_info");
        assertThat(users.findByEmail(EmailAddress.parse(personal))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = { "/api/v1/auth/register", "/api/v1/auth/verify-email", "/api/v1/auth/verify-email/resend",
            "/api/v1/auth/password/forgot", "/api/v1/auth/password/reset" })
    @DisplayName("ERR-2: malformed bodies on every account route are 400 problem+json, never 500")
    void malformedBodiesAreProblems(String route) {
        List<String> bodies = List.of("", "{", "[]", "null", "\"x\"", "{}", "{\"email\":123,\"password\":true}",
                "{\"email\":{\"$gt\":\"\"},\"token\":{\"$gt\":\"\"}}", "{\"unknown\":\"x\"}",
                "{\"email\":\"a@example.com\",\"password\":\"x\",\"token\":\"t\",\"new_password\":\"p\",\"extra\":1}",
                "{\"token\":[\"a\"],\"email\":[\"a@example.com\"]}", "{\"email\":null,\"token\":null}");
        for (String body : bodies) {
            HttpResponse<String> response = http.postJson(route, body);
            assertThat(response.statusCode()).as(route + " " + body + " -> " + response.body()).isEqualTo(400);
            assertThat(response.headers().firstValue("Content-Type")).as(body).hasValueSatisfying(
                    v -> assertThat(v).startsWith("application/problem+json"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "nope", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "../../etc/passwd", "%00" })
    @DisplayName("ACC-2: any bad verification token is the same 400 invalid_token")
    void badVerificationTokensAreInvalidToken(String token) {
        assertProblem(http.postJson("/api/v1/auth/verify-email", "{\"token\":\"" + token + "\"}"), 400, "invalid_token");
        assertProblem(http.postJson("/api/v1/auth/verify-email", "{\"token\":\"" + "x".repeat(5000) + "\"}"), 400,
                "invalid_token");
    }

    @Test
    @DisplayName("ACC-2: an expired verification link is invalid_token, like any other bad token")
    void expiredVerificationTokenIsInvalid() {
        String email = newAddress();
        register(email, STRONG_PASSWORD);
        String token = tokenFrom(awaitMail(email, "Confirm your email address"), "/verify-email");
        CLOCK.advance(java.time.Duration.ofHours(24).plusSeconds(1));

        assertProblem(http.postJson("/api/v1/auth/verify-email", "{\"token\":\"" + token + "\"}"), 400, "invalid_token");
        assertThat(users.findByEmail(EmailAddress.parse(email)).orElseThrow().emailVerified()).isFalse();
    }

    @Test
    @DisplayName("MAIL-2: mail is in the language of the sign-up request")
    void verificationMailFollowsAcceptLanguage() {
        String email = newAddress();
        http.postJson("/api/v1/auth/register", "{\"email\":\"" + email + "\",\"password\":\"" + STRONG_PASSWORD + "\"}",
                "Accept-Language", "de-DE,de;q=0.9,en;q=0.5");

        assertThat(awaitMail(email, "Bestätigen Sie Ihre E-Mail-Adresse")).isNotNull();
        assertThat(users.findByEmail(EmailAddress.parse(email)).orElseThrow().locale().getLanguage()).isEqualTo("de");
    }
}
