package dev.portcullis.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import jakarta.mail.internet.InternetAddress;

class EmailAddressTest {

    @Test
    @DisplayName("ACC-4: trimmed, domain lower-cased, local part kept as typed; the key is all lower-case")
    void parseTrimsAndLowerCasesDomainAndKey() {
        EmailAddress email = EmailAddress.parse("  Ada.Lovelace@Example.COM \t");

        assertThat(email.value()).isEqualTo("Ada.Lovelace@example.com");
        assertThat(email.key()).isEqualTo("ada.lovelace@example.com");
        assertThat(email.localPart()).isEqualTo("Ada.Lovelace");
        assertThat(email.domain()).isEqualTo("example.com");
    }

    @Test
    @DisplayName("ACC-4: addresses differing only in case are the same mailbox (case-insensitive uniqueness)")
    void equalityIgnoresCase() {
        assertThat(EmailAddress.parse("ADA@example.com")).isEqualTo(EmailAddress.parse("ada@EXAMPLE.com"))
                .hasSameHashCodeAs(EmailAddress.parse("ada@example.com"));
        assertThat(EmailAddress.parse("ada@example.com")).isNotEqualTo(EmailAddress.parse("ada2@example.com"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "a@b.co", "o'brien+tag@mail.example.org", "a!#$%&'*+/=?^_`{|}~-@example.com",
            "first.middle.last@sub-domain.example.co.uk", "x@xn--bcher-kva.example" })
    @DisplayName("ACC-4: RFC 5322 dot-atom addresses are accepted, and the mail module accepts them too")
    void acceptsValidAddresses(String raw) throws Exception {
        EmailAddress email = EmailAddress.parse(raw);

        assertThat(EmailAddress.isValid(raw)).isTrue();
        InternetAddress strict = new InternetAddress(email.value(), true);
        assertThat(strict.getAddress()).isEqualTo(email.value());
    }

    @ParameterizedTest
    @ValueSource(strings = { "plain", "@example.com", "ada@", "ada@@example.com", "a@b@example.com", "ada@example",
            "ada@localhost", "ada @example.com", "ada@exa mple.com", ".ada@example.com", "ada.@example.com",
            "a..b@example.com", "ada@-example.com", "ada@example-.com", "ada@example..com", "ada@example.123",
            "\"quoted\"@example.com", "ada@[127.0.0.1]", "ädä@example.com", "ada@exämple.com", "ada\u0000@example.com",
            "ada@example.com\r\nBcc: x@evil.test", "ada@example.com,eve@example.com", "Ada <ada@example.com>" })
    @DisplayName("ACC-4: malformed addresses are a validation_failed problem on the field email")
    void refusesMalformedAddresses(String raw) {
        assertThat(EmailAddress.isValid(raw)).isFalse();
        assertThatThrownBy(() -> EmailAddress.parse(raw)).isInstanceOfSatisfying(ProblemException.class, p -> {
            assertThat(p.code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
            assertThat(p.violations()).singleElement().satisfies(v -> {
                assertThat(v.field()).isEqualTo("email");
                assertThat(v.code()).isEqualTo("invalid_email");
                assertThat(v.message()).doesNotContain(raw);
            });
        });
    }

    @Test
    @DisplayName("ACC-4: at most 254 characters in all and 64 in the local part")
    void enforcesLengthLimits() {
        String domain = "d".repeat(60) + "." + "e".repeat(60) + "." + "f".repeat(63) + ".com"; // 189
        String longest = "a".repeat(64) + "@" + domain;
        assertThat(longest).hasSize(254);
        assertThat(EmailAddress.isValid(longest)).isTrue();
        assertThatThrownBy(() -> EmailAddress.parse("a".repeat(64) + "@x" + domain))
                .isInstanceOfSatisfying(ProblemException.class,
                        p -> assertThat(p.violations().get(0).code()).isEqualTo("invalid_length"));
        assertThat(EmailAddress.isValid("a".repeat(65) + "@example.com")).as("local part over 64").isFalse();
        assertThat(EmailAddress.isValid("a@" + "b".repeat(64) + ".com")).as("label over 63").isFalse();
        assertThat(EmailAddress.isValid("a".repeat(5000) + "@example.com")).isFalse();
    }

    @Test
    @DisplayName("ACC-4: a missing address is 'required', reported on the field the caller names")
    void missingIsRequiredOnTheNamedField() {
        assertThatThrownBy(() -> EmailAddress.parse("   ", "new_email")).isInstanceOfSatisfying(ProblemException.class,
                p -> assertThat(p.violations()).containsExactly(new FieldViolation("new_email", "required", "is required")));
        assertThat(EmailAddress.isValid(null)).isFalse();
    }

    @Test
    @DisplayName("ACC-4: Unicode NFC normalisation happens before validation (decomposed input is not ASCII either)")
    void normalisesBeforeValidating() {
        assertThat(EmailAddress.isValid("ada\u0301@example.com")).isFalse();
        assertThat(EmailAddress.parse("ada@EXAMPLE.com").toString()).isEqualTo("ada@example.com");
    }
}
