package dev.portcullis.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.security.SecureRandom;

import org.junit.jupiter.api.Test;

import dev.portcullis.config.MasterSecret;
import dev.portcullis.config.TestPortcullisConfig;

/** OPS-4: private signing keys at rest are AES-256-GCM ciphertexts bound to their kid. */
class SigningKeyEncryptionTest {

    private static final String PLAIN = "{\"kty\":\"EC\",\"d\":\"secret-scalar\"}";

    private final dev.portcullis.shared.AeadCipher cipher = cipher(TestTokens.MASTER_SECRET);

    @Test
    void roundTripsAndNeverRepeatsANonce_OPS4() {
        String first = cipher.encrypt("kid-1", PLAIN);
        String second = cipher.encrypt("kid-1", PLAIN);

        assertThat(first).startsWith("v1.").doesNotContain("secret-scalar");
        assertThat(first.split("\\.")[1]).isNotEqualTo(second.split("\\.")[1]);
        assertThat(cipher.decrypt("kid-1", first)).isEqualTo(PLAIN);
        assertThat(cipher.decrypt("kid-1", second)).isEqualTo(PLAIN);
    }

    @Test
    void anotherMasterSecretAnotherKidOrAChangedByteFailsToDecrypt_OPS4() {
        String sealed = cipher.encrypt("kid-1", PLAIN);
        dev.portcullis.shared.AeadCipher otherSecret = cipher(TestPortcullisConfig.masterSecret(
                "r7Vd0u3Xc2mT1rY8pLk5sN9wE4hJ6bZaQfGxRvCtUoI="));
        char[] tampered = sealed.toCharArray();
        tampered[sealed.length() - 5] = tampered[sealed.length() - 5] == 'A' ? 'B' : 'A';

        assertThatIllegalStateException().isThrownBy(() -> otherSecret.decrypt("kid-1", sealed))
                .withMessageNotContaining("secret-scalar");
        assertThatIllegalStateException().isThrownBy(() -> cipher.decrypt("kid-2", sealed));
        assertThatIllegalStateException().isThrownBy(() -> cipher.decrypt("kid-1", new String(tampered)));
        assertThatIllegalStateException().isThrownBy(() -> cipher.decrypt("kid-1", "v2.abc.def"));
        assertThatIllegalStateException().isThrownBy(() -> cipher.decrypt("kid-1", "v1.!!!.def"));
    }

    private static dev.portcullis.shared.AeadCipher cipher(MasterSecret secret) {
        return new dev.portcullis.shared.AeadCipher(secret.deriveKey(SigningKeys.CIPHER_PURPOSE, "AES"), new SecureRandom());
    }
}
