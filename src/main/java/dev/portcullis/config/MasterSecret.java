package dev.portcullis.config;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.params.HKDFParameters;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The one root secret of an installation (OPS-4). Every purpose gets its own key derived with
 * HKDF-SHA256 (RFC 5869) and a distinct label, so a key leaked from one purpose (say an API-key
 * pepper) reveals nothing about another (say signing-key encryption).
 */
@Component
public class MasterSecret {

    private final byte[] secret;

    MasterSecret(Environment env) {
        MasterSecretSource.Result result = MasterSecretSource.resolve(env);
        if (!(result instanceof MasterSecretSource.Strong strong)) {
            // The environment post-processor refuses these cases first; this is a second guard.
            throw new UnsafeConfigurationException(List.of(MasterSecretSource.VALUE_KEY + " is missing or weak"));
        }
        this.secret = strong.bytes();
    }

    /** A 256-bit key for {@code purpose}, e.g. {@code "api-key-pepper/v1"}. */
    public SecretKey deriveKey(String purpose, String algorithm) {
        return new SecretKeySpec(derive(purpose, 32), algorithm);
    }

    byte[] derive(String purpose, int length) {
        HKDFBytesGenerator hkdf = new HKDFBytesGenerator(new SHA256Digest());
        hkdf.init(new HKDFParameters(secret, null, ("portcullis/" + purpose).getBytes(StandardCharsets.UTF_8)));
        byte[] out = new byte[length];
        hkdf.generateBytes(out, 0, length);
        return out;
    }

    @Override
    public String toString() {
        return "MasterSecret[******]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MasterSecret other && java.security.MessageDigest.isEqual(secret, other.secret);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(derive("hash-code", 4));
    }
}
