package dev.portcullis.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import dev.portcullis.audit.AuditQuery;
import dev.portcullis.audit.AuditRecord;
import dev.portcullis.shared.EmailAddress;
import dev.portcullis.shared.ErrorCode;
import dev.portcullis.shared.ProblemException;

/** ACC-6, ACC-7 and the display name, through the services the /me routes will call, with real mail. */
class AccountChangesIT extends AccountsHttpTest {


    @Autowired
    PasswordChange passwordChange;
    @Autowired
    EmailChange emailChange;
    @Autowired
    ProfileChange profileChange;

    @Test
    @DisplayName("ACC-7: change needs the current password; other sessions end, the current one stays; owner notified")
    void changePasswordKeepsCurrentSessionOnly() {
        String email = newAddress();
        String userId = verifiedUser(email, STRONG_PASSWORD);
        String current = sessions.start(userId, true, java.util.List.of("pwd"), ORIGIN).sessionId();
        String other = sessions.start(userId, true, java.util.List.of("pwd"), ORIGIN).sessionId();

        assertValidation(() -> passwordChange.changePassword(userId, "wrong " + STRONG_PASSWORD, OTHER_STRONG_PASSWORD,
                current, ORIGIN), "current_password", "incorrect");
        assertValidation(() -> passwordChange.changePassword(userId, STRONG_PASSWORD, "short", current, ORIGIN),
                "new_password", "too_short");
        assertThat(sessions.isActive(other)).isTrue();

        passwordChange.changePassword(userId, STRONG_PASSWORD, OTHER_STRONG_PASSWORD, current, ORIGIN);

        String hash = users.findById(userId).orElseThrow().passwordHash();
        assertThat(hasher.verify(OTHER_STRONG_PASSWORD, hash).matches()).isTrue();
        assertThat(hasher.verify(STRONG_PASSWORD, hash).matches()).isFalse();
        assertThat(sessions.isActive(current)).isTrue();
        assertThat(sessions.isActive(other)).isFalse();
        assertThat(awaitMail(email, "Your password was changed")).isNotNull();
        assertThat(audit.find(AuditQuery.forUser(userId)).items()).extracting(AuditRecord::type)
                .contains("password.changed", "password.confirmation_failed");
    }

    @Test
    @DisplayName("ACC-6: link to the new address, notice to the old; switch only on confirm; the link works once")
    void emailChangeSwitchesOnlyOnConfirm() {
        String oldEmail = newAddress();
        String newEmail = newAddress();
        String userId = verifiedUser(oldEmail, STRONG_PASSWORD);

        assertValidation(() -> emailChange.requestEmailChange(userId, newEmail, "wrong password here", ORIGIN),
                "current_password", "incorrect");
        assertValidation(() -> emailChange.requestEmailChange(userId, oldEmail.toUpperCase(java.util.Locale.ROOT),
                STRONG_PASSWORD, ORIGIN), "new_email", "unchanged");
        assertValidation(() -> emailChange.requestEmailChange(userId, "nope", STRONG_PASSWORD, ORIGIN),
                "new_email", "invalid_email");

        emailChange.requestEmailChange(userId, newEmail, STRONG_PASSWORD, ORIGIN);

        assertThat(awaitMail(oldEmail, "Change of your email address requested")).isNotNull();
        String token = tokenFrom(awaitMail(newEmail, "Confirm your new email address"), "/account/email/confirm");
        assertThat(users.findById(userId).orElseThrow().email().value()).as("not before confirm").isEqualTo(oldEmail);

        emailChange.confirmEmailChange(token, ORIGIN);

        UserAccount after = users.findById(userId).orElseThrow();
        assertThat(after.email().value()).isEqualTo(newEmail);
        assertThat(after.emailVerified()).isTrue();
        assertThat(users.findByEmail(EmailAddress.parse(oldEmail))).isEmpty();
        assertThat(awaitMail(oldEmail, "Your email address was changed")).isNotNull();
        assertThatThrownBy(() -> emailChange.confirmEmailChange(token, ORIGIN)).isInstanceOfSatisfying(
                ProblemException.class, p -> assertThat(p.code()).isEqualTo(ErrorCode.INVALID_TOKEN));
        assertThat(audit.find(AuditQuery.forUser(userId)).items()).extracting(AuditRecord::type)
                .contains("email.change_requested", "email.changed");
    }

    @Test
    @DisplayName("ACC-6: a new address that has an account gets no mail, and the caller cannot tell")
    void emailChangeToTakenAddressSendsNothingThere() {
        String email = newAddress();
        String taken = newAddress();
        String userId = verifiedUser(email, STRONG_PASSWORD);
        verifiedUser(taken, OTHER_STRONG_PASSWORD);

        emailChange.requestEmailChange(userId, taken, STRONG_PASSWORD, ORIGIN);

        assertThat(awaitMail(email, "Change of your email address requested")).isNotNull();
        assertThat(queued(taken, "email-change-confirm")).isZero();
    }

    @Test
    @DisplayName("ACC-6, RST-2: a password reset cancels a pending email change")
    void resetCancelsPendingEmailChange() {
        String email = newAddress();
        String newEmail = newAddress();
        String userId = verifiedUser(email, STRONG_PASSWORD);
        emailChange.requestEmailChange(userId, newEmail, STRONG_PASSWORD, ORIGIN);
        String token = tokenFrom(awaitMail(newEmail, "Confirm your new email address"), "/account/email/confirm");

        http.postJson("/api/v1/auth/password/forgot", "{\"email\":\"" + email + "\"}");
        String reset = tokenFrom(awaitMail(email, "Reset your password"), "/reset");
        assertThat(http.postJson("/api/v1/auth/password/reset",
                "{\"token\":\"" + reset + "\",\"new_password\":\"" + OTHER_STRONG_PASSWORD + "\"}").statusCode())
                .isEqualTo(204);

        assertThatThrownBy(() -> emailChange.confirmEmailChange(token, ORIGIN)).isInstanceOf(ProblemException.class);
        assertThat(users.findById(userId).orElseThrow().email().value()).isEqualTo(email);
    }

    @Test
    @DisplayName("ACC-4, WEB-6: display names are trimmed, at most 50 characters, without control characters")
    void updateDisplayName() {
        String userId = verifiedUser(newAddress(), STRONG_PASSWORD);

        assertThat(profileChange.updateDisplayName(userId, "  Ada Lovelace  ", ORIGIN).displayName())
                .isEqualTo("Ada Lovelace");
        assertThat(profileChange.updateDisplayName(userId, "😀".repeat(50), ORIGIN).displayName()).hasSize(100);
        assertValidation(() -> profileChange.updateDisplayName(userId, "x".repeat(51), ORIGIN), "display_name",
                "invalid_length");
        assertValidation(() -> profileChange.updateDisplayName(userId, "Ada\u202Eevil", ORIGIN), "display_name",
                "invalid_characters");
        assertValidation(() -> profileChange.updateDisplayName(userId, "Ada\nBob", ORIGIN), "display_name",
                "invalid_characters");
        assertThat(profileChange.updateDisplayName(userId, "   ", ORIGIN).displayName()).isNull();
        assertThatThrownBy(() -> profileChange.updateDisplayName("nobody", "Ada", ORIGIN)).isInstanceOfSatisfying(
                ProblemException.class, p -> assertThat(p.code()).isEqualTo(ErrorCode.UNAUTHORIZED));
    }

    private static void assertValidation(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String field,
            String code) {
        assertThatThrownBy(call).isInstanceOfSatisfying(ProblemException.class, p -> {
            assertThat(p.code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
            assertThat(p.violations()).anySatisfy(v -> {
                assertThat(v.field()).isEqualTo(field);
                assertThat(v.code()).isEqualTo(code);
            });
        });
    }
}
