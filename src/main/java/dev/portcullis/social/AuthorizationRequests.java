package dev.portcullis.social;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.web.AuthorizationRequestRepository;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.core.endpoint.PkceParameterNames;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.stereotype.Component;

import dev.portcullis.config.MasterSecret;
import dev.portcullis.shared.AeadCipher;
import dev.portcullis.shared.SecretTokens;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * OAU-2: where an authorization request waits between {@code /start} and {@code /callback}. Portcullis
 * keeps no HTTP session, so this replaces Spring's session-backed repository with a database row
 * keyed by the SHA-256 of the state and bound to the browser: {@code /start} gives the browser a
 * random {@value #COOKIE} cookie and the row keeps only its hash, so a state is accepted only from the
 * browser that started it (a state planted in another browser, login CSRF, is refused). The PKCE
 * code_verifier and the OIDC nonce are stored AES-256-GCM encrypted under a key derived from the
 * master secret, bound to the state hash. A callback consumes the row with one conditional UPDATE:
 * a state completes at most one sign-in, whatever races.
 */
@Component
class AuthorizationRequests implements AuthorizationRequestRepository<OAuth2AuthorizationRequest> {

    private static final Logger log = LoggerFactory.getLogger(AuthorizationRequests.class);

    /**
     * Host-only and Secure ({@code __Host-}), HttpOnly; SameSite=Lax because the provider sends the
     * browser back with a cross-site top-level GET, which Strict would strip the cookie from.
     */
    static final String COOKIE = "__Host-portcullis-oauth";
    static final String REDIRECT_TO = "redirect_to";
    private static final String CIPHER_PURPOSE = "social-login-state/v1";
    private static final int MAX_COOKIE = 128;

    private final LoginStateRepository states;
    private final ProviderRegistrations registrations;
    private final SecretTokens tokens;
    private final AeadCipher cipher;
    private final SocialProperties properties;
    private final Clock clock;

    AuthorizationRequests(LoginStateRepository states, ProviderRegistrations registrations, SecretTokens tokens,
            MasterSecret masterSecret, SecureRandom random, SocialProperties properties, Clock clock) {
        this.states = states;
        this.registrations = registrations;
        this.tokens = tokens;
        this.cipher = new AeadCipher(masterSecret.deriveKey(CIPHER_PURPOSE, "AES"), random);
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public void saveAuthorizationRequest(OAuth2AuthorizationRequest authorizationRequest, HttpServletRequest request,
            HttpServletResponse response) {
        if (authorizationRequest == null) {
            return;
        }
        // One binding cookie per browser, so sign-ins started in two tabs both complete.
        String browser = browserCookie(request).orElseGet(tokens::newToken);
        response.addHeader(HttpHeaders.SET_COOKIE, ResponseCookie.from(COOKIE, browser).path("/").secure(true)
                .httpOnly(true).sameSite("Lax").maxAge(properties.stateLifetime()).build().toString());
        String stateHash = SecretTokens.hash(authorizationRequest.getState());
        Instant now = clock.instant();
        String secrets = secret(authorizationRequest, PkceParameterNames.CODE_VERIFIER) + "\n"
                + secret(authorizationRequest, OidcParameterNames.NONCE);
        states.insert(stateHash, SecretTokens.hash(browser),
                authorizationRequest.getAttribute(OAuth2ParameterNames.REGISTRATION_ID),
                cipher.encrypt(stateHash, secrets), authorizationRequest.getAttribute(REDIRECT_TO), now,
                now.plus(properties.stateLifetime()));
    }

    @Override
    public OAuth2AuthorizationRequest loadAuthorizationRequest(HttpServletRequest request) {
        return open(request).map(row -> rebuild(row, request.getParameter(OAuth2ParameterNames.STATE))).orElse(null);
    }

    /** Consumes the request the callback's state names: null when unknown, expired, used or from another browser. */
    @Override
    public OAuth2AuthorizationRequest removeAuthorizationRequest(HttpServletRequest request,
            HttpServletResponse response) {
        String state = request.getParameter(OAuth2ParameterNames.STATE);
        Optional<LoginStateRepository.StateRow> row = open(request);
        if (row.isEmpty() || !states.markUsed(SecretTokens.hash(state), clock.instant())) {
            return null;
        }
        return rebuild(row.get(), state);
    }

    private Optional<LoginStateRepository.StateRow> open(HttpServletRequest request) {
        String state = request.getParameter(OAuth2ParameterNames.STATE);
        if (state == null || state.isEmpty() || state.length() > MAX_COOKIE) {
            log.debug("social callback refused: no state");
            return Optional.empty();
        }
        Optional<LoginStateRepository.StateRow> row = states.findOpen(SecretTokens.hash(state), clock.instant());
        if (row.isEmpty()) {
            log.debug("social callback refused: unknown, expired or used state");
            return Optional.empty();
        }
        Optional<String> browser = browserCookie(request);
        if (browser.isEmpty() || !SecretTokens.constantTimeEquals(SecretTokens.hash(browser.get()),
                row.get().browserHash())) {
            log.debug("social callback refused: the state belongs to another browser");
            return Optional.empty();
        }
        return row;
    }

    private OAuth2AuthorizationRequest rebuild(LoginStateRepository.StateRow row, String state) {
        ClientRegistration registration = registrations.find(row.provider()).orElse(null);
        if (registration == null) {
            log.debug("social callback refused: provider {} is no longer configured", row.provider());
            return null;
        }
        String[] secrets = cipher.decrypt(SecretTokens.hash(state), row.secrets()).split("\n", -1);
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put(OAuth2ParameterNames.REGISTRATION_ID, row.provider());
        attributes.put(REDIRECT_TO, row.redirectTo());
        attributes.put(PkceParameterNames.CODE_VERIFIER, secrets[0]);
        if (!secrets[1].isEmpty()) {
            attributes.put(OidcParameterNames.NONCE, secrets[1]);
        }
        return OAuth2AuthorizationRequest.authorizationCode()
                .authorizationUri(registration.getProviderDetails().getAuthorizationUri())
                .clientId(registration.getClientId())
                .redirectUri(registration.getRedirectUri())
                .scopes(registration.getScopes())
                .state(state)
                .attributes(a -> a.putAll(attributes))
                .build();
    }

    private static String secret(OAuth2AuthorizationRequest request, String name) {
        Object value = request.getAttribute(name);
        return value == null ? "" : value.toString();
    }

    static Optional<String> browserCookie(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return Optional.empty();
        }
        for (Cookie cookie : cookies) {
            if (COOKIE.equals(cookie.getName()) && !cookie.getValue().isEmpty() && cookie.getValue().length() <= MAX_COOKIE) {
                return Optional.of(cookie.getValue());
            }
        }
        return Optional.empty();
    }
}
