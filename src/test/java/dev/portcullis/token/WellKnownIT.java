package dev.portcullis.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.portcullis.testing.HttpTest;
import dev.portcullis.testing.IntegrationTest;

/** TOK-1, TOK-7 over real HTTP: a resource server finds and verifies our tokens with a stock JOSE library. */
@IntegrationTest
class WellKnownIT extends HttpTest {

    private static final String ISSUER = "http://127.0.0.1:8080"; // application-test.properties

    @Autowired
    AccessTokens tokens;
    @Autowired
    JsonMapper json;

    @Test
    void aBadBearerTokenIsA401ProblemWithABearerChallengeAndNoEcho_TOK2() {
        String valid = tokens.issue(new AccessTokenRequest("user-7", "session-7", List.of(), List.of(), List.of(),
                Instant.now())).token();

        String forged = valid.substring(0, valid.lastIndexOf('.') + 1) + "AAAA" + valid.substring(valid.lastIndexOf('.') + 5);
        for (String token : List.of(forged, "x".repeat(5000), "a.b", "e30.e30.e30")) {
            HttpResponse<String> response = http.get("/api/v1/me", "Authorization", "Bearer " + token);

            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                    v -> assertThat(v).startsWith("application/problem+json"));
            assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer error=\"invalid_token\"");
            assertThat(json.readTree(response.body()).get("code").asString()).isEqualTo("invalid_token");
            assertThat(response.body()).doesNotContain(token);
        }
    }

    @Test
    void jwksServesOnlyPublicSigningKeysAndMayBeCached_TOK1() throws Exception {
        HttpResponse<String> response = getPublicJson("/.well-known/jwks.json", 60);

        JWKSet set = JWKSet.parse(response.body());
        assertThat(set.getKeys()).isNotEmpty();
        for (JWK key : set.getKeys()) {
            assertThat(key.isPrivate()).isFalse();
            assertThat(key.getKeyID()).hasSizeGreaterThanOrEqualTo(22);
            assertThat(key.getAlgorithm()).isEqualTo(JWSAlgorithm.ES256);
            assertThat(key.getKeyUse().identifier()).isEqualTo("sig");
        }
        JsonNode first = json.readTree(response.body()).get("keys").get(0);
        assertThat(first.has("d")).isFalse();
        assertThat(first.get("kty").asString()).isEqualTo("EC");
    }

    @Test
    void discoveryNamesIssuerJwksIntrospectionAndOnlyPublishedAlgorithms_TOK7() {
        HttpResponse<String> response = getPublicJson("/.well-known/openid-configuration", 300);

        JsonNode body = json.readTree(response.body());
        assertThat(body.get("issuer").asString()).isEqualTo(ISSUER);
        assertThat(body.get("jwks_uri").asString()).isEqualTo(ISSUER + "/.well-known/jwks.json");
        assertThat(body.get("introspection_endpoint").asString()).isEqualTo(ISSUER + "/api/v1/auth/introspect");
        List<String> algorithms = body.get("id_token_signing_alg_values_supported").valueStream()
                .map(JsonNode::asString).toList();
        assertThat(algorithms).containsExactly("ES256");
        assertThat(body.has("authorization_endpoint")).isFalse();
        assertThat(body.has("token_endpoint")).isFalse();
    }

    @Test
    void issuedTokenVerifiesAgainstTheServedJwksWithPlainNimbus_TOK1_TOK7() throws Exception {
        IssuedAccessToken issued = tokens.issue(new AccessTokenRequest("user-42", "session-42", List.of("admin"),
                List.of("profile"), List.of("pwd"), Instant.now()));
        JWKSet served = JWKSet.parse(http.get("/.well-known/jwks.json").body());

        // Configured as a resource server would be (RFC 9068 section 4), from the discovery document.
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(new JOSEObjectType("at+jwt")));
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.ES256, new ImmutableJWKSet<>(served)));
        processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(ISSUER,
                new JWTClaimsSet.Builder().issuer(ISSUER).build(),
                new HashSet<>(List.of("sub", "exp", "iat", "jti", "sid"))));
        JWTClaimsSet claims = processor.process(issued.token(), null);

        assertThat(claims.getSubject()).isEqualTo("user-42");
        assertThat(claims.getStringListClaim("roles")).containsExactly("admin");
        assertThat(claims.getJWTID()).isEqualTo(issued.jti());
        String tampered = issued.token().substring(0, issued.token().length() - 8) + "AAAAAAAA";
        assertThatThrownBy(() -> processor.process(tampered, null)).isInstanceOf(BadJOSEException.class);
    }

    /** A public document: 200 JSON, cacheable by anyone for {@code maxAge} seconds. */
    private HttpResponse<String> getPublicJson(String path, int maxAge) {
        HttpResponse<String> response = http.get(path);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                v -> assertThat(v).startsWith("application/json"));
        assertThat(response.headers().allValues("Cache-Control")).containsExactly("max-age=" + maxAge + ", public");
        return response;
    }
}
