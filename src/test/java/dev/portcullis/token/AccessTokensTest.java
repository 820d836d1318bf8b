package dev.portcullis.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;

import dev.portcullis.shared.ErrorCode;
import dev.portcullis.shared.ProblemException;
import dev.portcullis.testing.MutableClock;
import dev.portcullis.testing.TestDatabases;
import dev.portcullis.testing.TestDatabases.TestDatabase;

/** TOK-1 issuing and the TST-2 tampering set against TOK-2 verification. */
class AccessTokensTest {

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private static final AccessTokenRequest REQUEST = new AccessTokenRequest("user-1", "session-1",
            List.of("admin", "user"), List.of("profile", "keys:read"), List.of("pwd", "otp"), T0.minusSeconds(5));
    private static TestDatabase db;

    private final MutableClock clock = new MutableClock(T0);
    private final TokenProperties properties = TestTokens.defaults();
    private SigningKeys keys;
    private AccessTokens tokens;

    @BeforeAll
    static void database() {
        db = TestDatabases.h2();
    }

    @BeforeEach
    void instance() {
        keys = TestTokens.signingKeys(db.dataSource(), properties, clock);
        tokens = TestTokens.accessTokens(keys, properties, clock);
    }

    @Test
    void issuedTokenHasTheRfc9068HeaderAndClaimsAndVerifies_TOK1() throws Exception {
        IssuedAccessToken issued = tokens.issue(REQUEST);

        SignedJWT jwt = SignedJWT.parse(issued.token());
        assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.ES256);
        assertThat(jwt.getHeader().getType().getType()).isEqualTo("at+jwt");
        assertThat(jwt.getHeader().getKeyID()).isEqualTo(keys.current().kid());
        JWTClaimsSet claims = jwt.getJWTClaimsSet();
        assertThat(claims.getIssuer()).isEqualTo(TestTokens.ISSUER);
        assertThat(claims.getSubject()).isEqualTo("user-1");
        assertThat(claims.getAudience()).containsExactly(TestTokens.ISSUER);
        assertThat(claims.getStringClaim("client_id")).isEqualTo("portcullis");
        assertThat(claims.getIssueTime().toInstant()).isEqualTo(T0);
        assertThat(claims.getNotBeforeTime().toInstant()).isEqualTo(T0);
        assertThat(claims.getExpirationTime().toInstant()).isEqualTo(T0.plus(Duration.ofMinutes(15)))
                .isEqualTo(issued.expiresAt());
        assertThat(claims.getJWTID()).isEqualTo(issued.jti()).hasSizeGreaterThanOrEqualTo(22);
        assertThat(claims.getStringClaim("sid")).isEqualTo("session-1");
        assertThat(claims.getStringListClaim("roles")).containsExactly("admin", "user");
        assertThat(claims.getStringClaim("scope")).isEqualTo("profile keys:read");
        assertThat(claims.getStringListClaim("amr")).containsExactly("pwd", "otp");
        assertThat(claims.getLongClaim("auth_time")).isEqualTo(T0.minusSeconds(5).getEpochSecond());
        assertThat(issued.toString()).doesNotContain(issued.token());

        VerifiedAccessToken verified = tokens.verify(issued.token());
        assertThat(verified).isEqualTo(new VerifiedAccessToken("user-1", "session-1", issued.jti(),
                List.of("admin", "user"), List.of("profile", "keys:read"), List.of("pwd", "otp"), T0.minusSeconds(5),
                T0, issued.expiresAt()));
    }

    @Test
    void everyTokenHasItsOwnJti_PWD4() {
        assertThat(tokens.issue(REQUEST).jti()).isNotEqualTo(tokens.issue(REQUEST).jti());
    }

    @Test
    void verifyAcceptsWithinTheLeewayAndRefusesAnExpiredToken_TOK2() {
        String token = tokens.issue(REQUEST).token();

        clock.advance(Duration.ofMinutes(15).plusSeconds(29));
        assertThat(tokens.verify(token).subject()).isEqualTo("user-1");
        clock.advance(Duration.ofSeconds(1));
        // The passed verification is remembered, but never past exp + leeway.
        assertRefused(token);
    }

    @Test
    void verifyRefusesAlgNone_TOK2() {
        String unsecured = new PlainJWT(claims().build()).serialize(); // "header.payload." with alg none
        assertRefused(unsecured);
        assertRefused(unsecured + "c2ln");
        String noneWithOurKid = b64("{\"alg\":\"none\",\"typ\":\"at+jwt\",\"kid\":\"" + keys.current().kid() + "\"}")
                + "." + b64(claims().build().toString()) + ".c2ln";
        assertRefused(noneWithOurKid);
    }

    @Test
    void verifyRefusesHs256SignedWithThePublicKeyAsSecret_TOK2() throws Exception {
        byte[] publicKeyAsSecret = keys.current().publicJwk().toJSONString().getBytes(StandardCharsets.UTF_8);
        String hs256 = sign(header(JWSAlgorithm.HS256), claims(), new MACSigner(publicKeyAsSecret));
        assertRefused(hs256);
        byte[] encodedPublicKey = keys.current().publicJwk().toECKey().toPublicKey().getEncoded();
        assertRefused(sign(header(JWSAlgorithm.HS256), claims(), new MACSigner(pad(encodedPublicKey))));
    }

    @Test
    void verifyRefusesAnotherAsymmetricAlgorithmNamingOurKey_TOK2() throws Exception {
        // RS256 or ES384 in the header of a token for our ES256 kid: never let the header pick the algorithm.
        ECKey p384 = new ECKeyGenerator(Curve.P_384).keyID(keys.current().kid()).generate();
        assertRefused(sign(header(JWSAlgorithm.ES384), claims(), new ECDSASigner(p384)));
    }

    @Test
    void verifyRefusesAChangedPayload_TOK2() {
        String[] parts = tokens.issue(REQUEST).token().split("\\.");
        String forged = b64(claims().subject("admin-0").build().toString());

        assertRefused(parts[0] + "." + forged + "." + parts[2]);
    }

    @Test
    void verifyRefusesAChangedSignature_TOK2() {
        String[] parts = tokens.issue(REQUEST).token().split("\\.");
        char[] signature = parts[2].toCharArray();
        signature[10] = signature[10] == 'A' ? 'B' : 'A';

        assertRefused(parts[0] + "." + parts[1] + "." + new String(signature));
        assertRefused(parts[0] + "." + parts[1] + "." + parts[2].substring(0, 20));
    }

    @Test
    void verifyRefusesAnUnknownKid_TOK2() throws Exception {
        ECKey stranger = new ECKeyGenerator(Curve.P_256).keyID("unknown-kid").generate();
        assertRefused(sign(new JWSHeader.Builder(JWSAlgorithm.ES256).type(AccessTokens.AT_JWT).keyID("unknown-kid")
                .build(), claims(), new ECDSASigner(stranger)));
        assertRefused(sign(new JWSHeader.Builder(JWSAlgorithm.ES256).type(AccessTokens.AT_JWT).build(), claims(),
                keys.current().signer()));
    }

    @Test
    void verifyRefusesATokenSignedByAnotherKeyCarryingOurKid_TOK2() throws Exception {
        ECKey impostor = new ECKeyGenerator(Curve.P_256).keyID(keys.current().kid()).generate();
        assertRefused(sign(header(JWSAlgorithm.ES256), claims(), new ECDSASigner(impostor)));
    }

    @Test
    void verifyRefusesEmbeddedJwkOrJku_TOK2() throws Exception {
        ECKey attacker = new ECKeyGenerator(Curve.P_256).keyID(keys.current().kid()).generate();
        assertRefused(sign(new JWSHeader.Builder(header(JWSAlgorithm.ES256)).jwk(attacker.toPublicJWK()).build(),
                claims(), new ECDSASigner(attacker)));
        assertRefused(sign(new JWSHeader.Builder(header(JWSAlgorithm.ES256))
                .jwkURL(java.net.URI.create("https://attacker.example/jwks.json")).build(), claims(),
                new ECDSASigner(attacker)));
        // Even with our own signature, a key URL in the header is not ours.
        assertRefused(sign(new JWSHeader.Builder(header(JWSAlgorithm.ES256))
                .jwkURL(java.net.URI.create("https://attacker.example/jwks.json")).build(), claims(),
                keys.current().signer()));
    }

    @Test
    void verifyRefusesAWrongOrMissingTyp_TOK2() throws Exception {
        assertRefused(sign(new JWSHeader.Builder(header(JWSAlgorithm.ES256)).type(JOSEObjectType.JWT).build(),
                claims(), keys.current().signer()));
        assertRefused(sign(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(keys.current().kid()).build(), claims(),
                keys.current().signer()));
        // RFC 9068 section 4 allows the full media type, case-insensitively.
        String full = sign(new JWSHeader.Builder(header(JWSAlgorithm.ES256))
                .type(new JOSEObjectType("application/AT+JWT")).build(), claims(), keys.current().signer());
        assertThat(tokens.verify(full).subject()).isEqualTo("user-1");
    }

    @Test
    void jwtTypWhenConfiguredIsIssuedAndThenTheOnlyTypAccepted_TOK1_TOK2() throws Exception {
        TokenProperties compatible = TestTokens.properties(Map.of("access-token-typ", "JWT"));
        AccessTokens jwtTokens = TestTokens.accessTokens(keys, compatible, clock);

        String issued = jwtTokens.issue(REQUEST).token();

        assertThat(header(issued).getType()).isEqualTo(JOSEObjectType.JWT);
        assertThat(jwtTokens.verify(issued).subject()).isEqualTo("user-1");
        // Only the configured typ: an at+jwt token (from before the switch) and an untyped one are refused.
        assertRefusedBy(jwtTokens, tokens.issue(REQUEST).token());
        assertRefusedBy(jwtTokens, sign(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(keys.current().kid()).build(),
                claims(), keys.current().signer()));
        assertRefused(issued);
    }

    @Test
    void verifyRefusesAWrongIssuerOrAudience_TOK2() throws Exception {
        assertRefused(ours(c -> c.issuer("https://evil.example.com")));
        assertRefused(ours(c -> c.issuer(TestTokens.ISSUER + "/")));
        assertRefused(ours(c -> c.issuer(null)));
        assertRefused(ours(c -> c.audience("https://other-api.example.com")));
        assertRefused(ours(c -> c.audience((String) null)));
        assertThat(tokens.verify(ours(c -> c.audience(List.of("https://other-api.example.com", TestTokens.ISSUER))))
                .subject()).isEqualTo("user-1");
    }

    @Test
    void verifyRefusesNotBeforeOrIssuedAtBeyondTheLeeway_TOK2() throws Exception {
        assertRefused(ours(c -> c.notBeforeTime(Date.from(T0.plusSeconds(31)))));
        assertThat(tokens.verify(ours(c -> c.notBeforeTime(Date.from(T0.plusSeconds(29))))).subject())
                .isEqualTo("user-1");
        assertRefused(ours(c -> c.issueTime(Date.from(T0.plusSeconds(60)))));
        assertRefused(ours(c -> c.expirationTime(Date.from(T0.minusSeconds(31)))));
    }

    @ParameterizedTest
    @ValueSource(strings = { "sub", "sid", "jti", "exp", "iat" })
    void verifyRefusesATokenWithoutARequiredClaim_TOK2(String claim) throws Exception {
        assertRefused(ours(c -> c.claim(claim, null)));
    }

    @Test
    void verifyRefusesClaimsOfTheWrongType_TOK2() throws Exception {
        assertRefused(ours(c -> c.claim("roles", "admin")));
        assertRefused(ours(c -> c.claim("sid", 42)));
        assertRefused(ours(c -> c.claim("exp", "tomorrow")));
        String payloadNotJson = header(JWSAlgorithm.ES256).toBase64URL() + "." + b64("not json");
        SignedJWT parsed = signRaw(payloadNotJson);
        assertRefused(parsed.serialize());
    }

    @Test
    void verifyRefusesATokenOver4KiBBeforeParsingIt_TOK2() throws Exception {
        String big = ours(c -> c.claim("padding", "x".repeat(4000)));
        assertThat(big.length()).isGreaterThan(4096);
        assertRefused(big);
        assertRefused("a".repeat(100_000) + ".b.c");
    }

    @Test
    void verifyRefusesMalformedTokens_TOK2() {
        String valid = tokens.issue(REQUEST).token();
        String[] p = valid.split("\\.");
        assertRefused(null);
        assertRefused("");
        assertRefused(p[0] + "." + p[1]);
        assertRefused(valid + ".c2ln");
        assertRefused(p[0] + ".." + p[2]);
        assertRefused(valid + "=");
        assertRefused("Bearer " + valid);
        assertRefused(valid.replace('.', ' '));
        assertRefused("a.b$.c");
        assertRefused("ä.ö.ü");
        assertRefused("%%%.%%%.%%%");
        assertRefused(b64("not json") + "." + p[1] + "." + p[2]);
        assertRefused(b64("[1,2,3]") + "." + p[1] + "." + p[2]);
        assertRefused(b64("{\"alg\":42}") + "." + p[1] + "." + p[2]);
        assertRefused("A.B.C");
    }

    @Test
    void verifyRefusesCriticalHeaderExtensions_TOK2() throws Exception {
        assertRefused(sign(new JWSHeader.Builder(JWSAlgorithm.ES256).type(AccessTokens.AT_JWT)
                .keyID(keys.current().kid()).criticalParams(java.util.Set.of("urn:example:ext"))
                .customParam("urn:example:ext", 1).build(), claims(), keys.current().signer()));
    }

    @Test
    void refusalIsA401InvalidTokenWithABearerChallengeThatDoesNotEchoTheToken_TOK2() {
        String expired = tokens.issue(REQUEST).token();
        clock.advance(Duration.ofHours(1));

        assertThatThrownBy(() -> tokens.verify(expired)).isInstanceOfSatisfying(ProblemException.class, p -> {
            assertThat(p.code()).isEqualTo(ErrorCode.INVALID_TOKEN);
            assertThat(p.status()).isEqualTo(401);
            assertThat(p.headers()).isEqualTo(Map.of("WWW-Authenticate", "Bearer error=\"invalid_token\""));
            assertThat(p.detail()).doesNotContain(expired);
            assertThat(p.getMessage()).doesNotContain(expired);
        });
    }

    @Test
    void aTokenSignedBeforeARotationStillVerifiesAfterIt_TOK1() {
        String before = tokens.issue(REQUEST).token();
        keys.rotate();
        String after = tokens.issue(REQUEST).token();

        assertThat(tokens.verify(before).subject()).isEqualTo("user-1");
        assertThat(tokens.verify(after).subject()).isEqualTo("user-1");
        assertThat(header(after).getKeyID()).isNotEqualTo(header(before).getKeyID());
    }

    // --- helpers

    private void assertRefused(String token) {
        assertRefusedBy(tokens, token);
    }

    private static void assertRefusedBy(AccessTokens verifier, String token) {
        assertThatThrownBy(() -> verifier.verify(token)).as("token %s", token)
                .isInstanceOfSatisfying(ProblemException.class, p -> {
                    assertThat(p.code()).isEqualTo(ErrorCode.INVALID_TOKEN);
                    assertThat(p.status()).isEqualTo(401);
                });
    }

    private JWSHeader header(JWSAlgorithm alg) {
        return new JWSHeader.Builder(alg).type(AccessTokens.AT_JWT).keyID(keys.current().kid()).build();
    }

    private static JWSHeader header(String token) {
        try {
            return SignedJWT.parse(token).getHeader();
        } catch (java.text.ParseException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JWTClaimsSet.Builder claims() {
        return new JWTClaimsSet.Builder().issuer(TestTokens.ISSUER).subject("user-1").audience(TestTokens.ISSUER)
                .expirationTime(Date.from(T0.plusSeconds(600))).issueTime(Date.from(T0))
                .notBeforeTime(Date.from(T0)).jwtID("jti-0123456789abcdefghij").claim("sid", "session-1");
    }

    /** A token signed with our own current key, with claims changed by {@code change}. */
    private String ours(UnaryOperator<JWTClaimsSet.Builder> change) throws Exception {
        return sign(header(JWSAlgorithm.ES256), change.apply(claims()), keys.current().signer());
    }

    private static String sign(JWSHeader header, JWTClaimsSet.Builder claims, JWSSigner signer) throws Exception {
        SignedJWT jwt = new SignedJWT(header, claims.build());
        jwt.sign(signer);
        return jwt.serialize();
    }

    /** Signs "header.payload" as given, with our key, so the payload may be anything. */
    private SignedJWT signRaw(String signingInput) throws Exception {
        String[] parts = signingInput.split("\\.");
        Base64URL signature = keys.current().signer().sign(JWSHeader.parse(Base64URL.from(parts[0])),
                signingInput.getBytes(StandardCharsets.US_ASCII));
        return new SignedJWT(Base64URL.from(parts[0]), Base64URL.from(parts[1]), signature);
    }

    private static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] pad(byte[] key) {
        return key.length >= 32 ? key : java.util.Arrays.copyOf(key, 32);
    }
}
