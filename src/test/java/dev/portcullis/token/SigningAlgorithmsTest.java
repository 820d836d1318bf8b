package dev.portcullis.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.context.properties.bind.BindException;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;

import dev.portcullis.config.TestPortcullisConfig;
import dev.portcullis.testing.MutableClock;
import dev.portcullis.testing.TestDatabases;

/** TOK-1: every configurable algorithm signs, publishes and verifies; the settings refuse unsafe values. */
class SigningAlgorithmsTest {

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private static final AccessTokenRequest REQUEST = new AccessTokenRequest("user-1", "session-1", List.of(),
            List.of(), List.of("pwd"), T0);

    private final MutableClock clock = new MutableClock(T0);

    @ParameterizedTest
    @CsvSource({ "ES256, ES256, EC", "RS256, RS256, RSA", "EdDSA, EdDSA, OKP" })
    void eachConfiguredAlgorithmSignsPublishesAndVerifies_TOK1(String setting, String alg, String kty) throws Exception {
        TokenProperties properties = TestTokens.properties(Map.of("algorithm", setting));
        SigningKeys keys = TestTokens.signingKeys(TestDatabases.h2().dataSource(), properties, clock);
        AccessTokens tokens = TestTokens.accessTokens(keys, properties, clock);

        String token = tokens.issue(REQUEST).token();

        assertThat(SignedJWT.parse(token).getHeader().getAlgorithm().getName()).isEqualTo(alg);
        assertThat(tokens.verify(token).subject()).isEqualTo("user-1");
        JWK published = keys.publicJwks().getKeys().get(0);
        assertThat(published.getKeyType().getValue()).isEqualTo(kty);
        assertThat(published.getAlgorithm().getName()).isEqualTo(alg);
        assertThat(published.getKeyUse()).isEqualTo(KeyUse.SIGNATURE);
        assertThat(published.isPrivate()).isFalse();
        assertThat(keys.publicJwks().toString(false)).doesNotContain("\"d\"");
    }

    @Test
    void rsaKeysHaveTheConfiguredSize_TOK1() {
        TokenProperties properties = TestTokens.properties(Map.of("algorithm", "RS256", "rsa-key-size", "3072"));
        SigningKeys keys = TestTokens.signingKeys(TestDatabases.h2().dataSource(), properties, clock);

        assertThat(((RSAKey) keys.publicJwks().getKeys().get(0)).size()).isEqualTo(3072);
    }

    @Test
    void changingTheAlgorithmTakesEffectAtTheNextRotationAndOldTokensKeepVerifying_TOK1() {
        TestDatabases.TestDatabase db = TestDatabases.h2();
        TokenProperties es256 = TestTokens.defaults();
        AccessTokens before = TestTokens.accessTokens(TestTokens.signingKeys(db.dataSource(), es256, clock), es256, clock);
        String oldToken = before.issue(REQUEST).token();

        TokenProperties eddsa = TestTokens.properties(Map.of("algorithm", "EdDSA"));
        SigningKeys keys = TestTokens.signingKeys(db.dataSource(), eddsa, clock);
        AccessTokens after = TestTokens.accessTokens(keys, eddsa, clock);
        keys.rotate();
        String newToken = after.issue(REQUEST).token();

        assertThat(keys.publishedAlgorithms()).containsExactlyInAnyOrder(SigningAlgorithm.EDDSA, SigningAlgorithm.ES256);
        assertThat(after.verify(oldToken).subject()).isEqualTo("user-1");
        assertThat(after.verify(newToken).subject()).isEqualTo("user-1");
    }

    @Test
    void discoveryAdvertisesTheAlgorithmsOfThePublishedKeysOnly_TOK7() {
        TestDatabases.TestDatabase db = TestDatabases.h2();
        TokenProperties es256 = TestTokens.defaults();
        assertThat(advertised(TestTokens.signingKeys(db.dataSource(), es256, clock))).containsExactly("ES256");

        TokenProperties eddsa = TestTokens.properties(Map.of("algorithm", "EdDSA"));
        SigningKeys keys = TestTokens.signingKeys(db.dataSource(), eddsa, clock);
        keys.rotate();
        // The retired ES256 key still verifies live tokens, so it is still advertised.
        assertThat(advertised(keys)).containsExactlyInAnyOrder("EdDSA", "ES256");

        clock.advance(eddsa.retiredKeyRetention().plusSeconds(1));
        keys.purgeExpired();
        assertThat(advertised(keys)).containsExactly("EdDSA");
    }

    @SuppressWarnings("unchecked")
    private static List<String> advertised(SigningKeys keys) {
        WellKnownController controller = new WellKnownController(keys, TestPortcullisConfig.publicUrls(TestTokens.ISSUER));
        return (List<String>) controller.discovery().getBody().get("id_token_signing_alg_values_supported");
    }

    @Test
    void defaultsAreEs256FifteenMinutesAndMonthlyRotation_TOK1() {
        TokenProperties defaults = TestTokens.defaults();

        assertThat(defaults.algorithm()).isEqualTo(SigningAlgorithm.ES256);
        assertThat(defaults.accessTokenLifetime()).isEqualTo(Duration.ofMinutes(15));
        assertThat(defaults.keyRotationInterval()).isEqualTo(Duration.ofDays(30));
        assertThat(defaults.clockSkew()).isEqualTo(Duration.ofSeconds(30));
        assertThat(defaults.keyCacheDuration()).isEqualTo(Duration.ofSeconds(30));
        assertThat(defaults.clientId()).isEqualTo("portcullis");
        assertThat(defaults.audience()).isEmpty();
        assertThat(defaults.rsaKeySize()).isEqualTo(2048);
        assertThat(defaults.accessTokenTyp()).isEqualTo("at+jwt");
    }

    @Test
    void lifetimeOutsideTenToFifteenMinutesIsRefused_TOK1() {
        assertThat(TestTokens.properties(Map.of("access-token-lifetime", "10m")).accessTokenLifetime())
                .isEqualTo(Duration.ofMinutes(10));
        assertThatThrownBy(() -> TestTokens.properties(Map.of("access-token-lifetime", "599s")))
                .isInstanceOf(BindException.class).rootCause().hasMessageContaining("between 10m and 15m");
        assertThatThrownBy(() -> TestTokens.properties(Map.of("access-token-lifetime", "16m")))
                .isInstanceOf(BindException.class);
        assertThatThrownBy(() -> TestTokens.properties(Map.of("access-token-lifetime", "1d")))
                .isInstanceOf(BindException.class);
    }

    @Test
    void unsafeOrUnknownSettingsAreRefused_TOK1_TOK2() {
        assertThatThrownBy(() -> TestTokens.properties(Map.of("algorithm", "HS256"))).isInstanceOf(BindException.class);
        assertThatThrownBy(() -> TestTokens.properties(Map.of("algorithm", "none"))).isInstanceOf(BindException.class);
        assertThatThrownBy(() -> TestTokens.properties(Map.of("rsa-key-size", "1024"))).isInstanceOf(BindException.class);
        assertThatThrownBy(() -> TestTokens.properties(Map.of("clock-skew", "5m"))).isInstanceOf(BindException.class);
        assertThatThrownBy(() -> TestTokens.properties(Map.of("key-rotation-interval", "10m")))
                .isInstanceOf(BindException.class);
        assertThatThrownBy(() -> TestTokens.properties(Map.of("key-cache-duration", "1h")))
                .isInstanceOf(BindException.class);
        assertThatThrownBy(() -> TestTokens.properties(Map.of("audience", " "))).isInstanceOf(BindException.class);
    }

    @Test
    void accessTokenTypIsAtJwtOrJwtAndNothingElse_TOK1() {
        assertThat(TestTokens.properties(Map.of("access-token-typ", "JWT")).accessTokenTyp()).isEqualTo("JWT");
        for (String other : List.of("jwt", "application/at+jwt", "JOSE", "", "at+jwt ")) {
            assertThatThrownBy(() -> TestTokens.properties(Map.of("access-token-typ", other))).as(other)
                    .isInstanceOf(BindException.class);
        }
        assertThatThrownBy(() -> TestTokens.properties(Map.of("access-token-typ", "id+jwt")))
                .rootCause().hasMessageContaining("PORTCULLIS_TOKENS_ACCESS_TOKEN_TYP").hasMessageContaining("at+jwt or JWT");
    }
}
