package dev.portcullis.mfa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** MFA-1..6 settings: the documented defaults, and out-of-range values stop startup naming the key. */
class MfaPropertiesTest {

    private static MfaProperties bind(Map<String, String> values) {
        return new Binder(new MapConfigurationPropertySource(values)).bindOrCreate("portcullis.mfa",
                MfaProperties.class);
    }

    @Test
    void defaultsAreTheDocumentedOnes_MFA3_MFA4_MFA5_MFA6() {
        MfaProperties defaults = bind(Map.of());

        assertThat(defaults.issuerLabel()).isEqualTo("Portcullis");
        assertThat(defaults.challengeLifetime()).isEqualTo(Duration.ofMinutes(5));
        assertThat(defaults.stepUpWindow()).isEqualTo(Duration.ofMinutes(10));
        assertThat(defaults.trustedDeviceLifetime()).isEqualTo(Duration.ofDays(30));
        assertThat(defaults.requiredRoles()).containsExactly("admin");
    }

    @Test
    void requiredRolesMayBeSeveralOrNone_MFA6() {
        assertThat(bind(Map.of("portcullis.mfa.required-roles", "admin,support")).requiredRoles())
                .isEqualTo(Set.of("admin", "support"));
        assertThat(bind(Map.of("portcullis.mfa.required-roles", "")).requiredRoles()).isEmpty();
    }

    @Test
    void outOfRangeValuesAreRefusedNamingTheVariable() {
        assertThatIllegalArgumentException().isThrownBy(() -> new MfaProperties("Por:tcullis", Duration.ofMinutes(5),
                Duration.ofMinutes(10), Duration.ofDays(30), Set.of()))
                .withMessageContaining("PORTCULLIS_MFA_ISSUER_LABEL");
        assertThatIllegalArgumentException().isThrownBy(() -> new MfaProperties("P", Duration.ofHours(1),
                Duration.ofMinutes(10), Duration.ofDays(30), Set.of()))
                .withMessageContaining("PORTCULLIS_MFA_CHALLENGE_LIFETIME");
        assertThatIllegalArgumentException().isThrownBy(() -> new MfaProperties("P", Duration.ofMinutes(5),
                Duration.ofHours(2), Duration.ofDays(30), Set.of()))
                .withMessageContaining("PORTCULLIS_MFA_STEP_UP_WINDOW");
        assertThatIllegalArgumentException().isThrownBy(() -> new MfaProperties("P", Duration.ofMinutes(5),
                Duration.ofMinutes(10), Duration.ofDays(365), Set.of()))
                .withMessageContaining("PORTCULLIS_MFA_TRUSTED_DEVICE_LIFETIME");
    }
}
