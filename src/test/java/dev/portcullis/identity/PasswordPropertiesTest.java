package dev.portcullis.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;

class PasswordPropertiesTest {

    @Test
    void defaultsFollowNistAndOwasp_PWD1_PWD2() {
        PasswordProperties defaults = TestPasswordProperties.defaults();

        assertThat(defaults.minLength()).isEqualTo(15);
        assertThat(defaults.maxLength()).isEqualTo(128);
        assertThat(defaults.minCharacterClasses()).isZero();
        assertThat(defaults.minStrengthScore()).isNull();
        assertThat(defaults.argon2MemoryKib()).isEqualTo(19456);
        assertThat(defaults.argon2Iterations()).isEqualTo(2);
        assertThat(defaults.argon2Parallelism()).isEqualTo(1);
        assertThat(defaults.argon2SaltLength()).isEqualTo(16);
        assertThat(defaults.argon2HashLength()).isEqualTo(32);
    }

    @Test
    void minLengthBelowTwelveIsRefused_PWD2() {
        assertThat(TestPasswordProperties.with(Map.of("min-length", "12")).minLength()).isEqualTo(12);
        assertThatThrownBy(() -> TestPasswordProperties.with(Map.of("min-length", "11")))
                .isInstanceOf(BindException.class).rootCause().hasMessageContaining("at least 12");
    }

    @Test
    void maxLengthAbove128OrBelowMinIsRefused_PWD2() {
        assertThatThrownBy(() -> TestPasswordProperties.with(Map.of("max-length", "129"))).isInstanceOf(BindException.class);
        assertThatThrownBy(() -> TestPasswordProperties.with(Map.of("min-length", "100", "max-length", "90")))
                .isInstanceOf(BindException.class);
    }

    @Test
    void argon2BelowOwaspMinimumsIsRefused_PWD1() {
        assertThatThrownBy(() -> TestPasswordProperties.with(Map.of("argon2-memory-kib", "19455")))
                .isInstanceOf(BindException.class).rootCause().hasMessageContaining("OWASP");
        assertThatThrownBy(() -> TestPasswordProperties.with(Map.of("argon2-iterations", "1")))
                .isInstanceOf(BindException.class);
        assertThatThrownBy(() -> TestPasswordProperties.with(Map.of("argon2-salt-length", "8")))
                .isInstanceOf(BindException.class);
        assertThatThrownBy(() -> TestPasswordProperties.with(Map.of("argon2-hash-length", "16")))
                .isInstanceOf(BindException.class);
    }

    @Test
    void everyOwaspMinimumConfigurationIsAccepted_PWD1() {
        for (int[] row : PasswordProperties.OWASP_ARGON2ID_MINIMUMS) {
            PasswordProperties p = TestPasswordProperties.with(
                    Map.of("argon2-memory-kib", String.valueOf(row[0]), "argon2-iterations", String.valueOf(row[1])));
            assertThat(p.argon2MemoryKib()).isEqualTo(row[0]);
        }
        assertThat(PasswordProperties.reachesOwaspMinimum(47_103, 1)).isFalse();
        assertThat(PasswordProperties.reachesOwaspMinimum(7_167, 100)).isFalse();
    }
}
