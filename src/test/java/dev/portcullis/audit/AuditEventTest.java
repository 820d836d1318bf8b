package dev.portcullis.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import dev.portcullis.shared.RequestOrigin;

class AuditEventTest {

    private static final RequestOrigin ORIGIN = new RequestOrigin("203.0.113.7", "curl/8", "req-12345678");

    @ParameterizedTest
    @ValueSource(strings = { "login.failed", "mfa.recovery_code_used", "signup", "admin.user.blocked" })
    void typeWhenStableLowerCaseNameThenAccepted_AUD1(String type) {
        assertThat(AuditEvent.of(type, "u1", ORIGIN).type()).isEqualTo(type);
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "Login.failed", "login failed", "login..failed", ".login", "login.", "1login",
            "login-failed", "a2345678901234567890123456789012345678901234567890123456789012345" })
    void typeWhenNotStableLowerCaseNameThenRefused_AUD1(String type) {
        assertThatIllegalArgumentException().isThrownBy(() -> AuditEvent.of(type, "u1", ORIGIN));
    }

    @ParameterizedTest
    @ValueSource(strings = { "password", "new_password", "reset_token", "client_secret", "totp_code", "api_key",
            "apikey_prefix", "credential_id", "authorization", "session_cookie" })
    void detailsWhenKeyLooksSecretThenRefused_AUD1(String key) {
        AuditEvent event = AuditEvent.of("login.failed", "u1", ORIGIN);
        assertThatIllegalArgumentException().isThrownBy(() -> event.withDetail(key, "x"))
                .withMessageContaining("secret");
    }

    @Test
    void detailsWhenValueIsNotStringNumberOrBooleanThenRefused_AUD1() {
        AuditEvent event = AuditEvent.of("login.failed", "u1", ORIGIN);
        assertThatIllegalArgumentException().isThrownBy(() -> event.withDetail("reasons", List.of("a")));
        assertThatIllegalArgumentException().isThrownBy(() -> event.withDetail("reason", null));
        assertThatIllegalArgumentException().isThrownBy(() -> event.withDetail("Reason", "x"));
    }

    @Test
    void eventWhenIdsOrOriginDoNotFitTheColumnsThenRefused_AUD1() {
        String longId = "u".repeat(65);
        assertThatIllegalArgumentException().isThrownBy(() -> AuditEvent.of("login.failed", longId, ORIGIN));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> AuditEvent.of("login.failed", "u1", ORIGIN).byActor(" "));
        assertThatIllegalArgumentException().isThrownBy(
                () -> AuditEvent.of("login.failed", "u1", new RequestOrigin("1".repeat(46), null, null)));
        assertThatIllegalArgumentException().isThrownBy(() -> AuditEvent.of("login.failed", "u1", null));
    }

    @Test
    void eventOfUserActsAsThemselvesAndAdminActionNamesTheAdmin_AUD1() {
        AuditEvent own = AuditEvent.of("password.changed", "u1", ORIGIN);
        assertThat(own.actorId()).isEqualTo("u1");
        assertThat(own.byActor("admin-7").actorId()).isEqualTo("admin-7");
        assertThat(own.withDetail("reason", "policy").details()).isEqualTo(Map.of("reason", "policy"));
    }
}
