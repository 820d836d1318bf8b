package dev.portcullis.token;

import java.time.Instant;

import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.jwk.JWK;

/**
 * A decrypted signing key, held only in memory. {@link #toString()} names the key, never its
 * private parts (a record's generated toString would print the whole JWK).
 */
record SigningKey(String kid, SigningAlgorithm algorithm, long generation, Instant createdAt, Instant retiredAt,
        JWK publicJwk, JWSSigner signer, JWSVerifier verifier) {

    boolean retired() {
        return retiredAt != null;
    }

    @Override
    public String toString() {
        return "SigningKey[kid=" + kid + ", algorithm=" + algorithm + ", generation=" + generation + ", retired="
                + retired() + "]";
    }
}
