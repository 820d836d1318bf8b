package dev.portcullis.social;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.web.util.UriComponentsBuilder;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import dev.portcullis.mfa.TestTotp;
import dev.portcullis.testing.AccountFlowTest;
import dev.portcullis.testing.AdvancingClock;
import dev.portcullis.testing.IntegrationTest;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;

/**
 * OAU-1..4 over real HTTP against real providers running in the test: mock-oauth2-server is a real
 * OIDC provider (discovery, its own signing keys, nonce, PKCE) for {@code acme} (a generic issuer) and
 * {@code google}; WireMock stands in for GitHub's endpoints, and for {@code forged}, an OIDC provider
 * whose discovery document and JWKS are real but whose token endpoint answers with id_tokens this test
 * crafts, so each id_token check (key, nonce, aud, iss, exp) is exercised on its own.
 */
@IntegrationTest
@Import(SocialLoginIT.ClockConfiguration.class)
@TestPropertySource(properties = { "portcullis.mail.poll-interval=200ms", "db-scheduler.polling-interval=200ms",
        "portcullis.social.allowed-redirects=https://app.example.com/" })
class SocialLoginIT extends AccountFlowTest {

    static final AdvancingClock CLOCK = new AdvancingClock();
    static final MockOAuth2Server PROVIDER = new MockOAuth2Server();
    static final WireMockServer STUB = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    static final RSAKey FORGED_KEY = rsaKey("published");
    static final RSAKey OTHER_KEY = rsaKey("published");
    private static final AtomicInteger SEQ = new AtomicInteger();
    private static final String ACCESS_COOKIE = "__Host-portcullis-access";

    static {
        PROVIDER.start();
        STUB.start();
        String forged = STUB.baseUrl() + "/forged";
        STUB.stubFor(get("/forged/.well-known/openid-configuration").willReturn(okJson("{\"issuer\":\"" + forged
                + "\",\"authorization_endpoint\":\"" + forged + "/authorize\",\"token_endpoint\":\"" + forged
                + "/token\",\"jwks_uri\":\"" + forged + "/jwks\",\"response_types_supported\":[\"code\"],"
                + "\"subject_types_supported\":[\"public\"],\"id_token_signing_alg_values_supported\":[\"RS256\"],"
                + "\"scopes_supported\":[\"openid\",\"email\"]}")));
        STUB.stubFor(get("/forged/jwks").willReturn(okJson(new JWKSet(FORGED_KEY.toPublicJWK()).toString())));
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class ClockConfiguration {
        @Bean
        @Primary
        Clock mutableClock() {
            return CLOCK;
        }
    }

    @DynamicPropertySource
    static void providers(DynamicPropertyRegistry registry) {
        String client = "spring.security.oauth2.client.";
        for (String id : List.of("acme", "google")) {
            registry.add(client + "registration." + id + ".client-id", () -> id + "-client");
            registry.add(client + "registration." + id + ".client-secret", () -> id + "-secret");
            registry.add(client + "registration." + id + ".scope", () -> "openid,email,profile");
            registry.add(client + "provider." + id + ".issuer-uri", () -> PROVIDER.issuerUrl(id).toString());
        }
        registry.add(client + "registration.github.client-id", () -> "github-client");
        registry.add(client + "registration.github.client-secret", () -> "github-secret");
        registry.add(client + "provider.github.authorization-uri", () -> STUB.baseUrl() + "/login/oauth/authorize");
        registry.add(client + "provider.github.token-uri", () -> STUB.baseUrl() + "/login/oauth/access_token");
        registry.add(client + "provider.github.user-info-uri", () -> STUB.baseUrl() + "/user");
        registry.add(client + "registration.forged.client-id", () -> "forged-client");
        registry.add(client + "registration.forged.client-secret", () -> "forged-secret");
        registry.add(client + "registration.forged.scope", () -> "openid,email");
        registry.add(client + "provider.forged.issuer-uri", () -> STUB.baseUrl() + "/forged");
    }

    @AfterAll
    static void stopProviders() {
        PROVIDER.shutdown();
        STUB.stop();
    }

    @Autowired
    JdbcClient jdbc;

    // ---------------------------------------------------------------- happy paths (OAU-1)

    @Test
    void aGenericOidcSignInCreatesAVerifiedAccountAndSignsInWithCookies_OAU1_OAU2() {
        String email = newEmail();
        Started started = start("acme", "/welcome");
        assertThat(started.param("code_challenge_method")).as("PKCE S256").isEqualTo("S256");
        assertThat(started.param("code_challenge")).isNotBlank();
        assertThat(started.param("nonce")).as("OIDC nonce").isNotBlank();
        assertThat(Base64.getUrlDecoder().decode(started.state())).as("32 random bytes of state").hasSize(32);
        assertThat(started.param("redirect_uri")).isEqualTo("http://127.0.0.1:8080/api/v1/auth/oauth/acme/callback");

        HttpResponse<String> callback = completeAtProvider("acme", started, "acme-" + email, email, true);

        assertThat(callback.statusCode()).as(callback.body()).isEqualTo(302);
        assertThat(callback.headers().firstValue("Location")).hasValue("http://127.0.0.1:8080/welcome");
        assertThat(callback.headers().allValues("Referrer-Policy")).containsExactly("no-referrer");
        String access = cookie(callback, ACCESS_COOKIE);
        assertThat(access).as("TOK-6 cookies, exactly as a password sign-in in browser mode").isNotNull();
        assertThat(cookie(callback, "__Secure-portcullis-refresh")).isNotNull();
        assertThat(claims(access)).contains("\"amr\":[\"fed\"]");
        HttpResponse<String> me = http.get("/api/v1/me", "Cookie", ACCESS_COOKIE + "=" + access);
        assertThat(me.statusCode()).as(me.body()).isEqualTo(200);
        assertThat(me.body()).contains("\"email\":\"" + email + "\"", "\"email_verified\":true");
        HttpResponse<String> identities = http.get("/api/v1/me/identities", "Authorization", "Bearer " + access);
        assertThat(identities.body()).contains("\"provider\":\"acme\"", "\"email\":\"" + email + "\"", "\"linked_at\"");
        assertThat(activity(access)).contains("social.login", "social.linked");
        HttpResponse<String> export = http.get("/api/v1/me/export", "Authorization", "Bearer " + access);
        assertThat(export.body()).as("ACC-8").contains("\"identities\":[{\"id\":", "\"provider\":\"acme\"",
                "\"issuer\":\"" + PROVIDER.issuerUrl("acme") + "\"");
    }

    @Test
    void googleSignsInAgainToTheSameAccountByItsSubjectNotItsEmail_OAU1_OAU4() {
        String email = newEmail();
        String subject = "google-" + email;
        String first = cookie(completeAtProvider("google", start("google", null), subject, email, true), ACCESS_COOKIE);
        // The same Google account, its address changed at Google meanwhile: still the same Portcullis account.
        HttpResponse<String> again = completeAtProvider("google", start("google", null), subject, "changed-" + email,
                true);
        assertThat(again.statusCode()).as(again.body()).isEqualTo(302);
        assertThat(again.headers().firstValue("Location")).hasValue("http://127.0.0.1:8080/");
        assertThat(claims(cookie(again, ACCESS_COOKIE))).contains("\"sub\":\"" + subjectOf(first) + "\"");
    }

    @Test
    void githubSignsInWithThePrimaryVerifiedAddressAndSendsThePkceVerifier_OAU1_OAU3() {
        String email = newEmail();
        Started started = start("github", "https://app.example.com/home");
        assertThat(started.location()).startsWith(STUB.baseUrl() + "/login/oauth/authorize");
        assertThat(started.param("code_challenge_method")).isEqualTo("S256");
        assertThat(started.param("scope")).contains("user:email");
        String code = stubGithub(4242 + SEQ.incrementAndGet(), "[{\"email\":\"other-" + email + "\",\"primary\":false,"
                + "\"verified\":true},{\"email\":\"" + email + "\",\"primary\":true,\"verified\":true}]");

        HttpResponse<String> callback = callback("github", code, started.state(), started.browserCookie());

        assertThat(callback.statusCode()).as(callback.body()).isEqualTo(302);
        assertThat(callback.headers().firstValue("Location")).hasValue("https://app.example.com/home");
        String access = cookie(callback, ACCESS_COOKIE);
        assertThat(http.get("/api/v1/me", "Authorization", "Bearer " + access).body()).contains("\"email\":\"" + email
                + "\"");
        STUB.verify(postRequestedFor(urlPathEqualTo("/login/oauth/access_token"))
                .withRequestBody(containing("code=" + code)).withRequestBody(containing("code_verifier=")));
    }

    @Test
    void aCorrectlySignedIdTokenOfTheForgedProviderSignsIn_controlForTheIdTokenChecks_OAU3() throws Exception {
        String email = newEmail();
        Started started = start("forged", null);
        String code = forgedToken(idToken(FORGED_KEY, started, email).build());

        HttpResponse<String> callback = callback("forged", code, started.state(), started.browserCookie());

        assertThat(callback.statusCode()).as(callback.body()).isEqualTo(302);
        assertThat(cookie(callback, ACCESS_COOKIE)).isNotNull();
    }

    // ---------------------------------------------------------------- state (OAU-2)

    @Test
    void aCallbackWithoutStateIsRefused_OAU2() {
        Started started = start("acme", null);
        String code = authorizeAtProvider(started)[0];
        HttpResponse<String> noState = http.get("/api/v1/auth/oauth/acme/callback?code=" + code, "Cookie",
                AuthorizationRequests.COOKIE + "=" + started.browserCookie());
        assertRefused(noState, 400, "invalid_token");
    }

    @Test
    void aStateIsSingleUse_replayIsRefused_OAU2() {
        String email = newEmail();
        Started started = start("acme", null);
        enqueue("acme", "acme-" + email, email, true);
        String[] codeAndState = authorizeAtProvider(started);
        HttpResponse<String> first = callback("acme", codeAndState[0], codeAndState[1], started.browserCookie());
        assertThat(first.statusCode()).as(first.body()).isEqualTo(302);

        HttpResponse<String> replay = callback("acme", codeAndState[0], codeAndState[1], started.browserCookie());
        assertRefused(replay, 400, "invalid_token");
    }

    @Test
    void aStateFromAnotherBrowserIsRefused_loginCsrf_OAU2() {
        Started victims = start("acme", null);
        Started attackers = start("acme", null);
        // No token callback queued: the refusal comes before any code is redeemed.
        String[] attackerCode = authorizeAtProvider(attackers);

        HttpResponse<String> planted = callback("acme", attackerCode[0], attackerCode[1], victims.browserCookie());
        assertRefused(planted, 400, "invalid_token");
        HttpResponse<String> noCookie = callback("acme", attackerCode[0], attackerCode[1], null);
        assertRefused(noCookie, 400, "invalid_token");
        HttpResponse<String> unknown = callback("acme", attackerCode[0], "AAAA" + attackerCode[1],
                attackers.browserCookie());
        assertRefused(unknown, 400, "invalid_token");
    }

    @Test
    void aStateIssuedForOneProviderIsRefusedAtAnother_mixUp_OAU2() {
        Started started = start("acme", null);
        String[] codeAndState = authorizeAtProvider(started);
        HttpResponse<String> elsewhere = callback("google", codeAndState[0], codeAndState[1], started.browserCookie());
        assertRefused(elsewhere, 400, "invalid_token");
    }

    @Test
    void anIssParameterNamingAnotherIssuerIsRefused_mixUp_OAU2() {
        Started started = start("acme", null);
        String[] codeAndState = authorizeAtProvider(started);
        HttpResponse<String> mixedUp = http.get("/api/v1/auth/oauth/acme/callback?code=" + codeAndState[0] + "&state="
                + codeAndState[1] + "&iss=" + PROVIDER.issuerUrl("google"), "Cookie",
                AuthorizationRequests.COOKIE + "=" + started.browserCookie());
        assertRefused(mixedUp, 401, "invalid_token");
    }

    // ---------------------------------------------------------------- id_token (OAU-3)

    @Test
    void anIdTokenWithAnotherNonceIsRefused_OAU3() throws Exception {
        Started started = start("forged", null);
        String code = forgedToken(idToken(FORGED_KEY, started, newEmail()).claim("nonce", "not-the-nonce").build());
        assertRefused(callback("forged", code, started.state(), started.browserCookie()), 401, "invalid_token");
    }

    @Test
    void anIdTokenSignedByAnotherKeyIsRefused_OAU3() throws Exception {
        Started started = start("forged", null);
        String code = forgedToken(idToken(OTHER_KEY, started, newEmail()).build());
        assertRefused(callback("forged", code, started.state(), started.browserCookie()), 401, "invalid_token");
    }

    @Test
    void anIdTokenForAnotherAudienceIsRefused_OAU3() throws Exception {
        Started started = start("forged", null);
        String code = forgedToken(idToken(FORGED_KEY, started, newEmail()).audience("someone-else").build());
        assertRefused(callback("forged", code, started.state(), started.browserCookie()), 401, "invalid_token");
    }

    @Test
    void anIdTokenFromAnotherIssuerIsRefused_OAU3() throws Exception {
        Started started = start("forged", null);
        String code = forgedToken(idToken(FORGED_KEY, started, newEmail()).issuer(PROVIDER.issuerUrl("acme").toString())
                .build());
        assertRefused(callback("forged", code, started.state(), started.browserCookie()), 401, "invalid_token");
    }

    @Test
    void anExpiredIdTokenIsRefused_OAU3() throws Exception {
        Started started = start("forged", null);
        Instant past = Instant.now().minus(Duration.ofHours(2));
        String code = forgedToken(idToken(FORGED_KEY, started, newEmail()).issueTime(Date.from(past))
                .expirationTime(Date.from(past.plusSeconds(60))).build());
        assertRefused(callback("forged", code, started.state(), started.browserCookie()), 401, "invalid_token");
    }

    @Test
    void anUnverifiedEmailIsRefused_OAU3() {
        String email = newEmail();
        HttpResponse<String> callback = completeAtProvider("acme", start("acme", null), "acme-" + email, email, false);
        assertRefused(callback, 403, "email_not_verified");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM users WHERE email_key = :e").param("e", email).query(Integer.class)
                .single()).as("no account created").isZero();
    }

    @Test
    void githubWithoutAVerifiedPrimaryAddressIsRefused_OAU3() {
        String email = newEmail();
        Started started = start("github", null);
        String code = stubGithub(9000 + SEQ.incrementAndGet(), "[{\"email\":\"" + email + "\",\"primary\":true,"
                + "\"verified\":false},{\"email\":\"second-" + email + "\",\"primary\":false,\"verified\":true}]");
        assertRefused(callback("github", code, started.state(), started.browserCookie()), 403, "email_not_verified");
    }

    // ---------------------------------------------------------------- linking (OAU-4)

    @Test
    void aProviderAssertingAnExistingAccountsEmailDoesNotSignIn_takeoverRefused_OAU4() {
        String victim = signedUp(newEmail());
        HttpResponse<String> attack = completeAtProvider("acme", start("acme", null), "attacker-" + victim, victim,
                true);

        assertThat(attack.statusCode()).as(attack.body()).isEqualTo(200);
        assertThat(attack.body()).contains("Confirm it is your account");
        assertThat(cookie(attack, ACCESS_COOKIE)).as("no session for the provider's claim").isNull();
        String link = cookie(attack, SocialLoginController.LINK_COOKIE);
        assertThat(link).isNotNull();

        // A second provider (the attacker's Google account with the victim's address) gets no further.
        HttpResponse<String> second = completeAtProvider("google", start("google", null), "attacker2-" + victim,
                victim, true);
        assertThat(cookie(second, ACCESS_COOKIE)).isNull();
        // The attacker's own account cannot take the pending link either.
        String attackerAccess = signedIn(newEmail()).access();
        HttpResponse<String> stolen = confirmLink(attackerAccess, link);
        assertRefused(stolen, 403, "forbidden");
        String victimAccess = Tokens.of(login(victim, PASSWORD)).access();
        assertThat(http.get("/api/v1/me/identities", "Authorization", "Bearer " + victimAccess).body())
                .isEqualTo("[]");
    }

    @Test
    void aPendingLinkCompletesOnlyAfterThePasswordSignIn_ownershipProof_OAU4() {
        String owner = signedUp(newEmail());
        String before = Tokens.of(login(owner, PASSWORD)).access();
        CLOCK.advance(Duration.ofSeconds(2));
        HttpResponse<String> provider = completeAtProvider("acme", start("acme", null), "acme-" + owner, owner, true);
        String link = cookie(provider, SocialLoginController.LINK_COOKIE);

        assertRefused(confirmLink(before, link), 403, "forbidden");
        assertRefused(confirmLink(before, null), 400, "invalid_token");

        CLOCK.advance(Duration.ofSeconds(2));
        String after = Tokens.of(login(owner, PASSWORD)).access();
        HttpResponse<String> linked = confirmLink(after, link);
        assertThat(linked.statusCode()).as(linked.body()).isEqualTo(201);
        assertThat(linked.body()).contains("\"provider\":\"acme\"");
        assertRefused(confirmLink(after, link), 400, "invalid_token");

        HttpResponse<String> direct = completeAtProvider("acme", start("acme", null), "acme-" + owner, owner, true);
        assertThat(direct.statusCode()).as("linked: the provider signs in now").isEqualTo(302);
        assertThat(subjectOf(cookie(direct, ACCESS_COOKIE))).isEqualTo(subjectOf(after));
        assertThat(activity(after)).contains("social.link_pending", "social.linked");
    }

    @Test
    void theLastWayToSignInCannotBeUnlinkedButAnotherCan_OAU4() {
        String email = newEmail();
        String access = cookie(completeAtProvider("acme", start("acme", null), "acme-" + email, email, true),
                ACCESS_COOKIE);
        String identity = field(http.get("/api/v1/me/identities", "Authorization", "Bearer " + access).body(), "id");

        assertRefused(unlink(access, identity), 409, "conflict");
        assertRefused(unlink(access, "no-such-identity"), 404, "not_found");

        // With a password set (through the reset flow), the identity may go.
        http.postJson("/api/v1/auth/password/forgot", "{\"email\":\"" + email + "\"}");
        String reset = mailedToken(email, "reset");
        HttpResponse<String> newPassword = http.postJson("/api/v1/auth/password/reset", "{\"token\":\"" + reset
                + "\",\"new_password\":\"" + PASSWORD + "\"}");
        assertThat(newPassword.statusCode()).as(newPassword.body()).isEqualTo(204);
        String again = Tokens.of(login(email, PASSWORD)).access();
        HttpResponse<String> unlinked = unlink(again, identity);
        assertThat(unlinked.statusCode()).as(unlinked.body()).isEqualTo(204);
        assertThat(http.get("/api/v1/me/identities", "Authorization", "Bearer " + again).body()).isEqualTo("[]");
        assertThat(activity(again)).contains("social.unlinked");
    }

    // ---------------------------------------------------------------- every path equally strong

    @Test
    void aUserWithMfaGetsTheSecondStepAfterAProviderSignIn_MFA3_ASVS634() {
        String email = newEmail();
        String subject = "acme-" + email;
        String access = cookie(completeAtProvider("acme", start("acme", null), subject, email, true), ACCESS_COOKIE);
        CLOCK.advance(Duration.ofSeconds(30));
        String secret = enrolledTotp(access, CLOCK);

        HttpResponse<String> callback = completeAtProvider("acme", start("acme", "/after"), subject, email, true);

        assertThat(callback.statusCode()).as(callback.body()).isEqualTo(200);
        assertThat(cookie(callback, ACCESS_COOKIE)).as("no session before the second factor").isNull();
        assertThat(callback.body()).as("WEB-3: an external module with the nonce, no inline script")
                .containsPattern("<script type=\"module\" src=\"/js/social-mfa.js\" nonce=\"[^\"]+\">")
                .doesNotContain("addEventListener").contains("name=\"_csrf\"");
        String mfaToken = callback.body().replaceAll("(?s).*name=\"mfa_token\" value=\"([^\"]+)\".*", "$1");
        CLOCK.advance(Duration.ofSeconds(30));
        HttpResponse<String> done = http.postJson("/api/v1/auth/mfa", "{\"mfa_token\":\"" + mfaToken + "\",\"code\":\""
                + TestTotp.code(secret, CLOCK.instant()) + "\"}");
        Tokens tokens = Tokens.of(done);
        assertThat(claims(tokens.access())).as("never claims a password").contains("\"amr\":[\"fed\",\"otp\"]");
    }

    @Test
    void aBlockedUserIsRefusedAfterTheProviderSignIn_LOG1() {
        String email = newEmail();
        completeAtProvider("acme", start("acme", null), "acme-" + email, email, true);
        jdbc.sql("UPDATE users SET status = 'blocked' WHERE email_key = :email").param("email", email).update();

        HttpResponse<String> refused = completeAtProvider("acme", start("acme", null), "acme-" + email, email, true);
        assertRefused(refused, 403, "account_disabled");
    }

    // ---------------------------------------------------------------- redirects (OAU-2)

    @Test
    void openRedirectTargetsAreRefused_OAU2() {
        for (String evil : List.of("//evil.example", "/\\evil.example", "https://evil.example",
                "https://app.example.com.evil.example/", "https://app.example.com@evil.example/",
                "http://app.example.com/", "javascript:alert(1)", "/\tevil", "///evil.example")) {
            HttpResponse<String> refused = http.get("/api/v1/auth/oauth/acme/start?redirect_to="
                    + java.net.URLEncoder.encode(evil, StandardCharsets.UTF_8));
            assertThat(refused.statusCode()).as(evil).isEqualTo(400);
            assertThat(refused.body()).as(evil).contains("\"code\":\"validation_failed\"", "redirect_to");
        }
        assertThat(start("acme", "https://app.example.com/welcome?x=1").location()).isNotBlank();
    }

    @Test
    void theOpenApiDocumentDescribesTheSocialRoutes_OAU1_OAU4_OPS7() {
        String openApi = http.get("/v3/api-docs").body();
        assertThat(openApi).contains("/api/v1/auth/oauth/{provider}/start", "/api/v1/auth/oauth/{provider}/callback",
                "/api/v1/me/identities", "/api/v1/me/identities/{id}", "/api/v1/me/identities/pending");
    }

    @Test
    void anUnknownProviderIsNotFound_OAU1() {
        assertRefused(http.get("/api/v1/auth/oauth/nobody/start"), 404, "not_found");
        assertRefused(http.get("/api/v1/auth/oauth/nobody/callback?code=x&state=y"), 404, "not_found");
    }

    // ---------------------------------------------------------------- helpers

    record Started(String location, String state, String browserCookie) {

        String param(String name) {
            List<String> values = UriComponentsBuilder.fromUriString(location).build().getQueryParams().get(name);
            return values == null ? null : URLDecoder.decode(values.get(0), StandardCharsets.UTF_8);
        }
    }

    private Started start(String provider, String redirectTo) {
        String path = "/api/v1/auth/oauth/" + provider + "/start" + (redirectTo == null ? ""
                : "?redirect_to=" + java.net.URLEncoder.encode(redirectTo, StandardCharsets.UTF_8));
        HttpResponse<String> response = http.get(path);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(302);
        String location = response.headers().firstValue("Location").orElseThrow();
        Started started = new Started(location, null, cookie(response, AuthorizationRequests.COOKIE));
        return new Started(location, started.param("state"), started.browserCookie());
    }

    /** The browser at the provider: mock-oauth2-server signs in at once and redirects with code and state. */
    private static String[] authorizeAtProvider(Started started) {
        try {
            HttpResponse<String> response = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build()
                    .send(HttpRequest.newBuilder(URI.create(started.location())).GET().build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(302);
            Started back = new Started(response.headers().firstValue("Location").orElseThrow(), null, null);
            return new String[] { back.param("code"), back.param("state") };
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private HttpResponse<String> completeAtProvider(String provider, Started started, String subject, String email,
            boolean verified) {
        enqueue(provider, subject, email, verified);
        String[] codeAndState = authorizeAtProvider(started);
        return callback(provider, codeAndState[0], codeAndState[1], started.browserCookie());
    }

    private static void enqueue(String provider, String subject, String email, boolean verified) {
        PROVIDER.enqueueCallback(new DefaultOAuth2TokenCallback(provider, subject, "JWT", List.of(provider + "-client"),
                Map.of("email", email, "email_verified", verified), 3600));
    }

    private HttpResponse<String> callback(String provider, String code, String state, String browserCookie) {
        String path = "/api/v1/auth/oauth/" + provider + "/callback?code=" + encode(code) + "&state=" + encode(state);
        return browserCookie == null ? http.get(path)
                : http.get(path, "Cookie", AuthorizationRequests.COOKIE + "=" + browserCookie);
    }

    /** GitHub's endpoints for one sign-in: the code, its access token, /user and /user/emails. */
    private static String stubGithub(int userId, String emailsJson) {
        String code = "gh-code-" + userId;
        String token = "gho_token" + userId;
        STUB.stubFor(post("/login/oauth/access_token").withRequestBody(containing("code=" + code))
                .willReturn(okJson("{\"access_token\":\"" + token + "\",\"token_type\":\"bearer\",\"scope\":"
                        + "\"read:user,user:email\"}")));
        STUB.stubFor(get("/user").withHeader("Authorization", equalTo("Bearer " + token))
                .willReturn(okJson("{\"id\":" + userId + ",\"login\":\"octo" + userId + "\",\"name\":\"Octo Cat\"}")));
        STUB.stubFor(get("/user/emails").withHeader("Authorization", equalTo("Bearer " + token))
                .willReturn(okJson(emailsJson)));
        return code;
    }

    /** The forged provider's token endpoint answers the next code with this id_token. */
    private static String forgedToken(String idToken) {
        String code = "forged-code-" + SEQ.incrementAndGet();
        STUB.stubFor(post("/forged/token").withRequestBody(containing("code=" + code))
                .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody("{\"access_token\":"
                        + "\"at-" + code + "\",\"token_type\":\"Bearer\",\"expires_in\":300,\"id_token\":\"" + idToken
                        + "\"}")));
        return code;
    }

    /** An id_token as the forged provider's published key would sign it; tests change one thing each. */
    private static SignedIdToken idToken(RSAKey key, Started started, String email) {
        Instant now = Instant.now();
        return new SignedIdToken(key, new JWTClaimsSet.Builder().issuer(STUB.baseUrl() + "/forged")
                .subject("forged-" + email).audience("forged-client").issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(300))).claim("nonce", started.param("nonce"))
                .claim("email", email).claim("email_verified", true));
    }

    static final class SignedIdToken {
        private final RSAKey key;
        private final JWTClaimsSet.Builder claims;

        SignedIdToken(RSAKey key, JWTClaimsSet.Builder claims) {
            this.key = key;
            this.claims = claims;
        }

        SignedIdToken claim(String name, Object value) {
            claims.claim(name, value);
            return this;
        }

        SignedIdToken audience(String audience) {
            claims.audience(audience);
            return this;
        }

        SignedIdToken issuer(String issuer) {
            claims.issuer(issuer);
            return this;
        }

        SignedIdToken issueTime(Date at) {
            claims.issueTime(at);
            return this;
        }

        SignedIdToken expirationTime(Date at) {
            claims.expirationTime(at);
            return this;
        }

        String build() throws JOSEException {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID())
                    .type(JOSEObjectType.JWT).build(), claims.build());
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        }
    }

    private static RSAKey rsaKey(String kid) {
        try {
            return new RSAKeyGenerator(2048).keyID(kid).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private HttpResponse<String> confirmLink(String access, String linkCookie) {
        HttpRequest.Builder request = http.request("/api/v1/me/identities/pending")
                .header("Authorization", "Bearer " + access).POST(HttpRequest.BodyPublishers.noBody());
        if (linkCookie != null) {
            request.header("Cookie", SocialLoginController.LINK_COOKIE + "=" + linkCookie);
        }
        return http.send(request.build());
    }

    private HttpResponse<String> unlink(String access, String id) {
        return http.send(http.request("/api/v1/me/identities/" + id).header("Authorization", "Bearer " + access)
                .DELETE().build());
    }

    private String activity(String access) {
        return await().atMost(Duration.ofSeconds(10)).until(
                () -> http.get("/api/v1/me/activity", "Authorization", "Bearer " + access).body(), body -> true);
    }

    private static void assertRefused(HttpResponse<String> response, int status, String code) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(response.body()).contains("\"code\":\"" + code + "\"");
        assertThat(response.headers().allValues("Set-Cookie")).noneMatch(c -> c.startsWith(ACCESS_COOKIE + "="));
    }

    private static String cookie(HttpResponse<String> response, String name) {
        return response.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith(name + "=")).findFirst()
                .map(c -> c.substring(name.length() + 1, c.indexOf(';'))).filter(v -> !v.isEmpty()).orElse(null);
    }

    private static String claims(String jwt) {
        return new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8);
    }

    private static String subjectOf(String jwt) {
        return claims(jwt).replaceAll(".*\"sub\":\"([^\"]+)\".*", "$1");
    }

    private static String encode(String value) {
        return java.net.URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String newEmail() {
        return "social-" + System.nanoTime() + "-" + SEQ.incrementAndGet() + "@example.com";
    }
}
