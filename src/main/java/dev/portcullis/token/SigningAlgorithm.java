package dev.portcullis.token;

import java.security.SecureRandom;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.Ed25519Signer;
import com.nimbusds.jose.crypto.Ed25519Verifier;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.OctetKeyPairGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;

/**
 * The asymmetric algorithms an access token may be signed with (TOK-1). There is deliberately no
 * HMAC and no {@code none}: a verifier that only knows these can never be tricked into treating a
 * public key as a shared secret (TOK-2, RFC 8725 section 3.1).
 */
enum SigningAlgorithm {

    /** ECDSA on P-256 with SHA-256 (RFC 7518 section 3.4): the default, small keys and signatures. */
    ES256(JWSAlgorithm.ES256),
    /** RSASSA-PKCS1-v1_5 with SHA-256 (RFC 7518 section 3.3), for resource servers without EC support. */
    RS256(JWSAlgorithm.RS256),
    /** Ed25519 (RFC 8037), through Nimbus's Tink-based signer. */
    EDDSA(JWSAlgorithm.EdDSA);

    private final JWSAlgorithm jws;

    SigningAlgorithm(JWSAlgorithm jws) {
        this.jws = jws;
    }

    JWSAlgorithm jws() {
        return jws;
    }

    /** The name stored in the database and published in the JWKS ({@code ES256}, {@code RS256}, {@code EdDSA}). */
    String wireName() {
        return jws.getName();
    }

    static SigningAlgorithm fromWireName(String name) {
        for (SigningAlgorithm a : values()) {
            if (a.wireName().equals(name)) {
                return a;
            }
        }
        throw new IllegalArgumentException("unknown signing algorithm " + name);
    }

    /** A new private key pair as a JWK carrying {@code kid}, {@code alg} and {@code use=sig}. */
    JWK generate(String kid, int rsaKeySize, SecureRandom random) throws JOSEException {
        switch (this) {
            case ES256:
                return new ECKeyGenerator(Curve.P_256).keyID(kid).algorithm(jws).keyUse(KeyUse.SIGNATURE)
                        .secureRandom(random).generate();
            case RS256:
                return new RSAKeyGenerator(rsaKeySize).keyID(kid).algorithm(jws).keyUse(KeyUse.SIGNATURE)
                        .secureRandom(random).generate();
            case EDDSA:
                // Tink draws from its own SecureRandom; Nimbus offers no way to pass ours for Ed25519.
                return new OctetKeyPairGenerator(Curve.Ed25519).keyID(kid).algorithm(jws).keyUse(KeyUse.SIGNATURE)
                        .generate();
            default:
                throw new IllegalStateException("unhandled algorithm " + this);
        }
    }

    JWSSigner signer(JWK key) throws JOSEException {
        switch (this) {
            case ES256:
                return new ECDSASigner((ECKey) key);
            case RS256:
                return new RSASSASigner((RSAKey) key);
            case EDDSA:
                return new Ed25519Signer((OctetKeyPair) key);
            default:
                throw new IllegalStateException("unhandled algorithm " + this);
        }
    }

    JWSVerifier verifier(JWK key) throws JOSEException {
        switch (this) {
            case ES256:
                return new ECDSAVerifier(((ECKey) key).toPublicJWK());
            case RS256:
                return new RSASSAVerifier(((RSAKey) key).toPublicJWK());
            case EDDSA:
                return new Ed25519Verifier(((OctetKeyPair) key).toPublicJWK());
            default:
                throw new IllegalStateException("unhandled algorithm " + this);
        }
    }
}
