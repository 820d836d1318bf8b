package dev.portcullis.social;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.http.converter.FormHttpMessageConverter;
import org.springframework.security.oauth2.client.authentication.OAuth2LoginAuthenticationProvider;
import org.springframework.security.oauth2.client.authentication.OAuth2LoginAuthenticationToken;
import org.springframework.security.oauth2.client.endpoint.RestClientAuthorizationCodeTokenResponseClient;
import org.springframework.security.oauth2.client.http.OAuth2ErrorResponseErrorHandler;
import org.springframework.security.oauth2.client.oidc.authentication.OidcAuthorizationCodeAuthenticationProvider;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.userinfo.DefaultOAuth2UserService;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthorizationException;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationExchange;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationResponse;
import org.springframework.security.oauth2.core.http.converter.OAuth2AccessTokenResponseHttpMessageConverter;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.oauth2.core.user.OAuth2User;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.springframework.web.client.RestTemplate;

import dev.portcullis.shared.ErrorCode;
import dev.portcullis.shared.ProblemException;

/**
 * OAU-1, OAU-3: turns an authorization code into a verified provider identity with Spring Security's
 * own providers, driven directly because Portcullis' chain is stateless (its {@code oauth2Login()}
 * filters assume an HTTP session and Spring's own sign-in, where Portcullis issues its own session).
 * <ul>
 * <li>OIDC: {@link OidcAuthorizationCodeAuthenticationProvider} redeems the code with the PKCE
 * verifier and verifies the id_token: signature with the provider's JWKS (OidcIdTokenDecoderFactory),
 * {@code iss} equal to the configured issuer, {@code aud} containing our client id, {@code exp} and
 * {@code iat}, and the {@code nonce} against the hash of the one stored for this request.</li>
 * <li>GitHub: {@link OAuth2LoginAuthenticationProvider} redeems the code and reads {@code /user}; the
 * email comes from the emails API ({@code <user-info-uri>/emails}), and only the address that is
 * both primary and verified counts.</li>
 * </ul>
 * Every refusal is the same 401 {@code invalid_token}; the reason goes to the debug log.
 */
@Component
class ProviderLogins {

    private static final Logger log = LoggerFactory.getLogger(ProviderLogins.class);
    private static final ParameterizedTypeReference<List<Map<String, Object>>> EMAILS =
            new ParameterizedTypeReference<>() {
            };

    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    static final Duration READ_TIMEOUT = Duration.ofSeconds(10);

    private final OidcAuthorizationCodeAuthenticationProvider oidc;
    private final OAuth2LoginAuthenticationProvider oauth2;
    private final RestClient rest;

    ProviderLogins() {
        // A provider that stops answering must not hold request threads: bounded connect and read times
        // for the token, user-info and emails calls (Spring's defaults have none), with Spring's own
        // converters and OAuth 2 error handling kept.
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(
                HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build());
        requests.setReadTimeout(READ_TIMEOUT);
        RestClientAuthorizationCodeTokenResponseClient tokenClient = new RestClientAuthorizationCodeTokenResponseClient();
        tokenClient.setRestClient(RestClient.builder().requestFactory(requests)
                .messageConverters(List.of(new FormHttpMessageConverter(), new OAuth2AccessTokenResponseHttpMessageConverter()))
                .defaultStatusHandler(new OAuth2ErrorResponseErrorHandler()).build());
        RestTemplate userInfo = new RestTemplate(requests);
        userInfo.setErrorHandler(new OAuth2ErrorResponseErrorHandler());
        DefaultOAuth2UserService users = new DefaultOAuth2UserService();
        users.setRestOperations(userInfo);
        OidcUserService oidcUsers = new OidcUserService();
        oidcUsers.setOauth2UserService(users);
        this.oidc = new OidcAuthorizationCodeAuthenticationProvider(tokenClient, oidcUsers);
        this.oauth2 = new OAuth2LoginAuthenticationProvider(tokenClient, users);
        this.rest = RestClient.builder().requestFactory(requests).build();
    }

    ProviderIdentity authenticate(ClientRegistration registration, OAuth2AuthorizationRequest request, String code) {
        OAuth2AuthorizationResponse response = OAuth2AuthorizationResponse.success(code)
                .redirectUri(request.getRedirectUri()).state(request.getState()).build();
        OAuth2LoginAuthenticationToken exchange = new OAuth2LoginAuthenticationToken(registration,
                new OAuth2AuthorizationExchange(request, response));
        try {
            if (ProviderRegistrations.kind(registration) == ProviderRegistrations.Kind.OIDC) {
                return oidcIdentity(registration, request, exchange);
            }
            return githubIdentity(registration, exchange);
        } catch (OAuth2AuthenticationException | OAuth2AuthorizationException e) {
            log.debug("social sign-in with {} refused: {}", registration.getRegistrationId(), e.getMessage());
            throw refused();
        } catch (RestClientException e) {
            log.warn("social sign-in with {} failed: the provider did not answer as expected ({})",
                    registration.getRegistrationId(), e.getClass().getSimpleName());
            throw new ProblemException(ErrorCode.SERVICE_UNAVAILABLE, 503,
                    "The sign-in provider could not be reached; try again later.", List.of(), Map.of());
        }
    }

    private ProviderIdentity oidcIdentity(ClientRegistration registration, OAuth2AuthorizationRequest request,
            OAuth2LoginAuthenticationToken exchange) {
        // Spring skips the nonce check when the request has none; every OIDC request here has one.
        if (request.getAttribute(OidcParameterNames.NONCE) == null) {
            log.debug("social sign-in with {} refused: no nonce stored", registration.getRegistrationId());
            throw refused();
        }
        OAuth2LoginAuthenticationToken done = (OAuth2LoginAuthenticationToken) oidc.authenticate(exchange);
        OidcUser user = (OidcUser) done.getPrincipal();
        OidcIdToken idToken = user.getIdToken();
        String issuer = idToken.getIssuer() == null ? null : idToken.getIssuer().toString();
        // OidcIdTokenValidator compared iss to the configured issuer already; the identity keeps that issuer.
        return new ProviderIdentity(registration.getRegistrationId(), issuer, idToken.getSubject(), user.getEmail(),
                Boolean.TRUE.equals(user.getEmailVerified()), user.getFullName());
    }

    private ProviderIdentity githubIdentity(ClientRegistration registration, OAuth2LoginAuthenticationToken exchange) {
        OAuth2LoginAuthenticationToken done = (OAuth2LoginAuthenticationToken) oauth2.authenticate(exchange);
        OAuth2User user = done.getPrincipal();
        Object id = user.getAttribute("id");
        if (id == null) {
            log.debug("social sign-in with {} refused: no user id", registration.getRegistrationId());
            throw refused();
        }
        List<Map<String, Object>> emails = rest.get()
                .uri(registration.getProviderDetails().getUserInfoEndpoint().getUri() + "/emails")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + done.getAccessToken().getTokenValue())
                .accept(MediaType.parseMediaType("application/vnd.github+json"), MediaType.APPLICATION_JSON)
                .retrieve().body(EMAILS);
        String primaryVerified = emails == null ? null : emails.stream()
                .filter(e -> Boolean.TRUE.equals(e.get("primary")) && Boolean.TRUE.equals(e.get("verified")))
                .map(e -> e.get("email")).filter(String.class::isInstance).map(String.class::cast)
                .findFirst().orElse(null);
        Object name = user.getAttribute("name");
        return new ProviderIdentity(registration.getRegistrationId(), ProviderRegistrations.issuer(registration),
                id.toString(), primaryVerified, primaryVerified != null, name instanceof String s ? s : null);
    }

    static ProblemException refused() {
        return new ProblemException(ErrorCode.INVALID_TOKEN, 401,
                "The sign-in provider's answer could not be verified; start the sign-in again.", List.of(), Map.of());
    }
}
