package dev.portcullis.token;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.portcullis.config.PublicUrls;
import dev.portcullis.shared.SecretTokens;
import dev.portcullis.testing.AccountFlowTest;

/**
 * TOK-7: the Spring Boot resource-server recipe (examples/spring-resource-server,
 * docs/integrations/spring.md) against a real Portcullis. A user signs up, verifies through the
 * mailed link and signs in over HTTP; the example, running as its own JVM and configured only with
 * the issuer and its audience, then decides on that user's token.
 * <p>
 * Not {@code @IntegrationTest}: the example finds Portcullis through {@code {issuer}/.well-known/...}
 * and checks that the discovery document names the same issuer, so the issuer must be the real
 * address. A free port is chosen first and Portcullis is started on it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@ActiveProfiles("test")
@TestPropertySource(properties = {"portcullis.mail.poll-interval=200ms", "db-scheduler.polling-interval=200ms"})
class ResourceServerRecipeIT extends AccountFlowTest {

    private static final int PORT = freePort();
    private static final String ISSUER = "http://127.0.0.1:" + PORT;
    /** What Portcullis puts in aud and the example demands (PORTCULLIS_TOKENS_AUDIENCE, API_AUDIENCE). */
    private static final String AUDIENCE = "https://api.example.test";
    private static ExampleResourceServer api;

    @Autowired
    AccessTokens tokens;
    @Autowired
    SigningKeys keys;
    @Autowired
    SecretTokens secretTokens;
    @Autowired
    PublicUrls urls;
    @Autowired
    Clock clock;
    @Autowired
    JsonMapper json;

    @DynamicPropertySource
    static void issuerOnAKnownPort(DynamicPropertyRegistry registry) {
        registry.add("server.port", () -> PORT);
        registry.add("portcullis.issuer", () -> ISSUER);
        registry.add("portcullis.tokens.audience", () -> AUDIENCE);
    }

    @BeforeAll
    static void startExample() {
        api = ExampleResourceServer.start(ISSUER, AUDIENCE);
    }

    @AfterAll
    static void stopExample() throws InterruptedException {
        if (api != null) {
            api.close();
        }
    }

    @Test
    void signedInUsersTokenIsAcceptedWithItsSubjectAndRolesAsAuthorities_TOK7() {
        Tokens user = signedIn("reader@example.test");

        HttpResponse<String> hello = callApi("/hello", user.access());

        assertThat(hello.statusCode()).as(hello.body()).isEqualTo(200);
        JsonNode body = json.readTree(hello.body());
        assertThat(body.get("subject").asString()).isEqualTo(userId(user.access())).isNotBlank();
        // FACTOR_BEARER is Spring Security 7's own: "authenticated by a bearer token".
        assertThat(authorities(body)).containsExactly("FACTOR_BEARER", "ROLE_user");
    }

    @Test
    void tamperedTokenIsRefused_TOK7() throws Exception {
        String token = signedIn("tamper@example.test").access();
        assertThat(callApi("/hello", token).statusCode()).isEqualTo(200);
        String[] parts = token.split("\\.");
        JWTClaimsSet otherSubject = new JWTClaimsSet.Builder(SignedJWT.parse(token).getJWTClaimsSet())
                .subject("someone-else").build();
        String claimsChanged = parts[0] + "." + Base64URL.encode(otherSubject.toString()) + "." + parts[2];
        String signatureChanged = parts[0] + "." + parts[1] + "." + flipFirstCharacter(parts[2]);

        for (String tampered : List.of(claimsChanged, signatureChanged)) {
            HttpResponse<String> response = callApi("/hello", tampered);

            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(response.headers().firstValue("WWW-Authenticate"))
                    .hasValueSatisfying(v -> assertThat(v).startsWith("Bearer error=\"invalid_token\""));
        }
    }

    @Test
    void tokenForAnotherAudienceIsRefused_TOK7() {
        String userToken = signedIn("elsewhere@example.test").access();
        // Signed by this Portcullis' current key with its issuer, as a Portcullis configured with
        // PORTCULLIS_TOKENS_AUDIENCE=https://other-api.example.test would sign it: only aud differs.
        AccessTokens forOtherApi = new AccessTokens(keys, secretTokens,
                TestTokens.properties(Map.of("audience", "https://other-api.example.test")), urls, clock);
        String foreign = forOtherApi.issue(sameUserWithScopes(userToken, List.of())).token();
        assertThat(forOtherApi.verify(foreign).subject()).isEqualTo(userId(userToken));

        HttpResponse<String> response = callApi("/hello", foreign);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("Bearer error=\"invalid_token\"").contains("aud"));
    }

    @Test
    void tokenWithoutTheRequiredScopeOrRoleIsForbidden_TOK7() {
        String userToken = signedIn("no-scope@example.test").access();

        HttpResponse<String> reports = callApi("/reports", userToken);
        assertThat(reports.statusCode()).isEqualTo(403);
        assertThat(reports.headers().firstValue("WWW-Authenticate"))
                .hasValueSatisfying(v -> assertThat(v).contains("error=\"insufficient_scope\""));
        assertThat(callApi("/admin/stats", userToken).statusCode()).isEqualTo(403);

        // The same user and session with scope reports:read passes, so the 403 was the scope and
        // nothing else. (AccessTokens writes the scope claim when a grant has scopes; sign-in has none.)
        String scoped = tokens.issue(sameUserWithScopes(userToken, List.of("reports:read"))).token();
        assertThat(callApi("/reports", scoped).statusCode()).isEqualTo(200);
        assertThat(authorities(json.readTree(callApi("/hello", scoped).body())))
                .containsExactly("FACTOR_BEARER", "ROLE_user", "SCOPE_reports:read");
    }

    @Test
    void rotatedSigningKeyIsPickedUpWithoutRestartAndOlderTokensStayValid_TOK1_TOK7() throws Exception {
        String before = signedIn("rotation@example.test").access();
        assertThat(callApi("/hello", before).statusCode()).isEqualTo(200); // the example holds the key set now

        String newKid = keys.rotate();
        String after = tokens.issue(sameUserWithScopes(before, List.of())).token();

        assertThat(SignedJWT.parse(after).getHeader().getKeyID()).isEqualTo(newKid)
                .isNotEqualTo(SignedJWT.parse(before).getHeader().getKeyID());
        // An unknown kid makes the example fetch the JWKS again; the retired key is still published.
        assertThat(callApi("/hello", after).statusCode()).isEqualTo(200);
        assertThat(callApi("/hello", before).statusCode()).isEqualTo(200);
    }

    @Test
    void logoutReachesAJwksOnlyResourceServerOnlyWhenTheTokenExpires_TOK7() {
        String token = signedIn("logout@example.test").access();
        assertThat(http.postJson("/api/v1/auth/logout", "", "Authorization", "Bearer " + token).statusCode())
                .isEqualTo(204);

        // Portcullis refuses the token at once; a resource server that only checks the signature
        // cannot know, which is why the recipes send revocation-sensitive calls to introspection.
        assertThat(me(token).statusCode()).isEqualTo(401);
        assertThat(callApi("/hello", token).statusCode()).isEqualTo(200);
    }

    private HttpResponse<String> callApi(String path, String accessToken) {
        HttpResponse<String> response = api.http.get(path, "Authorization", "Bearer " + accessToken);
        assertThat(response.statusCode()).as("the example crashed?\n%s", api.output()).isNotEqualTo(500);
        return response;
    }

    private AccessTokenRequest sameUserWithScopes(String accessToken, List<String> scopes) {
        VerifiedAccessToken t = tokens.verify(accessToken);
        return new AccessTokenRequest(t.subject(), t.sessionId(), t.roles(), scopes, t.amr(), t.authTime());
    }

    private String userId(String accessToken) {
        HttpResponse<String> me = me(accessToken);
        assertThat(me.statusCode()).as(me.body()).isEqualTo(200);
        return json.readTree(me.body()).get("id").asString();
    }

    private static List<String> authorities(JsonNode body) {
        return body.get("authorities").valueStream().map(JsonNode::asString).toList();
    }

    private static String flipFirstCharacter(String segment) {
        return (segment.charAt(0) == 'A' ? "B" : "A") + segment.substring(1);
    }
}
