package dev.portcullis.token;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

/**
 * Access tokens and their signing keys (TOK-1, TOK-2).
 *
 * @param algorithm signature algorithm of new signing keys: ES256 (default), RS256 or EdDSA (Ed25519).
 *        Keys made with another algorithm before a change keep verifying until they are purged.
 * @param rsaKeySize modulus length of new RS256 keys in bits: 2048 (default), 3072 or 4096.
 * @param accessTokenLifetime lifetime of an access token, 10m to 15m. Default 15m.
 * @param audience the aud claim of issued tokens; a token is accepted when its aud names one of these.
 *        Default: the issuer.
 * @param clientId the client_id claim of issued tokens (RFC 9068). Default portcullis.
 * @param clockSkew leeway for exp, nbf and iat when verifying, 0s to 60s. Default 30s.
 * @param keyRotationInterval a new signing key replaces the current one when it is this old, 1h to 365d.
 *        Default 30d.
 * @param keyCacheDuration how long an instance uses its in-memory copy of the keys before reading them
 *        again, 1s to 5m. Default 30s.
 * @param accessTokenTyp the typ header of issued access tokens, and the only one the verifier accepts:
 *        at+jwt (default, RFC 9068) or JWT, for resource servers that cannot be taught at+jwt. JWT gives up
 *        the explicit typing that tells an access token from any other JWT of this issuer (RFC 8725
 *        section 3.11).
 */
@Validated
@ConfigurationProperties("portcullis.tokens")
record TokenProperties(
        @DefaultValue("ES256") @NotNull SigningAlgorithm algorithm,
        @DefaultValue("2048") int rsaKeySize,
        @DefaultValue("15m") @NotNull Duration accessTokenLifetime,
        List<String> audience,
        @DefaultValue("portcullis") @NotBlank String clientId,
        @DefaultValue("30s") @NotNull Duration clockSkew,
        @DefaultValue("30d") @NotNull Duration keyRotationInterval,
        @DefaultValue("30s") @NotNull Duration keyCacheDuration,
        @DefaultValue("at+jwt") @NotNull String accessTokenTyp) {

    /** RFC 9068 section 2.1. */
    static final String AT_JWT = "at+jwt";
    /** RFC 7519 section 5.1. */
    static final String JWT = "JWT";

    static final Duration MIN_LIFETIME = Duration.ofMinutes(10);
    static final Duration MAX_LIFETIME = Duration.ofMinutes(15);

    TokenProperties {
        audience = audience == null ? List.of() : List.copyOf(audience);
        if (rsaKeySize != 2048 && rsaKeySize != 3072 && rsaKeySize != 4096) {
            throw new IllegalArgumentException("PORTCULLIS_TOKENS_RSA_KEY_SIZE must be 2048, 3072 or 4096");
        }
        if (accessTokenLifetime != null && (accessTokenLifetime.compareTo(MIN_LIFETIME) < 0
                || accessTokenLifetime.compareTo(MAX_LIFETIME) > 0)) {
            throw new IllegalArgumentException("PORTCULLIS_TOKENS_ACCESS_TOKEN_LIFETIME must be between 10m and 15m (TOK-1)");
        }
        if (clockSkew != null && (clockSkew.isNegative() || clockSkew.compareTo(Duration.ofSeconds(60)) > 0)) {
            throw new IllegalArgumentException("PORTCULLIS_TOKENS_CLOCK_SKEW must be between 0s and 60s");
        }
        if (keyRotationInterval != null && (keyRotationInterval.compareTo(Duration.ofHours(1)) < 0
                || keyRotationInterval.compareTo(Duration.ofDays(365)) > 0)) {
            throw new IllegalArgumentException("PORTCULLIS_TOKENS_KEY_ROTATION_INTERVAL must be between 1h and 365d");
        }
        if (keyCacheDuration != null && (keyCacheDuration.compareTo(Duration.ofSeconds(1)) < 0
                || keyCacheDuration.compareTo(Duration.ofMinutes(5)) > 0)) {
            throw new IllegalArgumentException("PORTCULLIS_TOKENS_KEY_CACHE_DURATION must be between 1s and 5m");
        }
        if (accessTokenTyp != null && !accessTokenTyp.equals(AT_JWT) && !accessTokenTyp.equals(JWT)) {
            throw new IllegalArgumentException("PORTCULLIS_TOKENS_ACCESS_TOKEN_TYP (or PORTCULLIS_ACCESS_TOKEN_TYP) must be at+jwt or JWT");
        }
        for (String a : audience) {
            if (a == null || a.isBlank()) {
                throw new IllegalArgumentException("PORTCULLIS_TOKENS_AUDIENCE must not contain an empty value");
            }
        }
    }

    /**
     * How long a retired key must stay published: a token it signed may be issued up to one key-cache
     * period after retirement (another instance still holds the old key) and lives one lifetime plus
     * the verifiers' leeway.
     */
    Duration retiredKeyRetention() {
        return accessTokenLifetime.plus(clockSkew).plus(keyCacheDuration);
    }
}
