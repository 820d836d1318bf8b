package dev.portcullis.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

class MasterSecretTest {

    private static MasterSecret secret(String value) {
        MockEnvironment env = new MockEnvironment();
        env.getPropertySources().addFirst(new org.springframework.core.env.MapPropertySource("s",
                Map.of("portcullis.master-secret", value)));
        return new MasterSecret(env);
    }

    @Test
    void derivedKeysAreStablePerPurposeAndIndependentAcrossPurposes_OPS4() {
        MasterSecret secret = secret(PortcullisEnvironmentPostProcessorTest.STRONG_SECRET);
        byte[] pepper = secret.deriveKey("api-key-pepper/v1", "HmacSHA256").getEncoded();

        assertThat(pepper).hasSize(32);
        assertThat(secret.deriveKey("api-key-pepper/v1", "HmacSHA256").getEncoded()).isEqualTo(pepper);
        assertThat(secret.deriveKey("signing-key-encryption/v1", "AES").getEncoded()).isNotEqualTo(pepper);
        assertThat(secret(PortcullisEnvironmentPostProcessorTest.STRONG_SECRET.replace('q', 'r'))
                .deriveKey("api-key-pepper/v1", "HmacSHA256").getEncoded()).isNotEqualTo(pepper);
        assertThat(secret.toString()).doesNotContain(PortcullisEnvironmentPostProcessorTest.STRONG_SECRET);
    }
}
