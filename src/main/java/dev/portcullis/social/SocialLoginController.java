package dev.portcullis.social;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestCustomizers;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

import dev.portcullis.audit.AuditEvent;
import dev.portcullis.audit.AuditLog;
import dev.portcullis.auth.SignIn;
import dev.portcullis.ratelimit.RateLimiter;
import dev.portcullis.ratelimit.RatePolicy;
import dev.portcullis.ratelimit.RateSubject;
import dev.portcullis.shared.ErrorCode;
import dev.portcullis.shared.ProblemException;
import dev.portcullis.shared.RequestOrigin;
import dev.portcullis.shared.RouteAccess;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * OAU-1, OAU-2: {@code GET /api/v1/auth/oauth/{provider}/start} and {@code …/callback}.
 * <p>
 * Spring Security's {@code oauth2Login()} is not used: its filters keep the authorization request in
 * the HTTP session and finish with Spring's own authenticated session, while Portcullis' chain is
 * stateless and ends every sign-in with its own session and tokens. So these two handlers drive
 * Spring's pieces themselves: {@link DefaultOAuth2AuthorizationRequestResolver} (state of 32 random
 * bytes, PKCE S256 for every provider, the OIDC nonce), {@link AuthorizationRequests} (single use,
 * bound to the browser) and {@link ProviderLogins} (code exchange and id_token validation).
 * <p>
 * Both count against their own {@code social} rate limit by IP (LOG-2): a callback is a sign-in
 * attempt and each start writes a row. The {@code login} policy does not fit: its account-keyed limits
 * would put every provider sign-in (no email typed) into one shared counter.
 */
@Controller
@RouteAccess(RouteAccess.PUBLIC)
class SocialLoginController {

    private static final Logger log = LoggerFactory.getLogger(SocialLoginController.class);
    /** OAU-4: the browser that holds a pending link; Strict, only this server's own pages send it back. */
    static final String LINK_COOKIE = "__Host-portcullis-link";
    private static final int MAX_PARAMETER = 2048;

    private final ProviderRegistrations registrations;
    private final DefaultOAuth2AuthorizationRequestResolver resolver;
    private final AuthorizationRequests requests;
    private final RedirectTargets redirects;
    private final ProviderLogins providers;
    private final SocialAccounts accounts;
    private final SignIn signIn;
    private final RateLimiter limiter;
    private final AuditLog audit;
    private final SocialProperties properties;

    SocialLoginController(ProviderRegistrations registrations, AuthorizationRequests requests,
            RedirectTargets redirects, ProviderLogins providers, SocialAccounts accounts, SignIn signIn,
            RateLimiter limiter, AuditLog audit, SocialProperties properties) {
        this.registrations = registrations;
        this.requests = requests;
        this.redirects = redirects;
        this.providers = providers;
        this.accounts = accounts;
        this.signIn = signIn;
        this.limiter = limiter;
        this.audit = audit;
        this.properties = properties;
        this.resolver = new DefaultOAuth2AuthorizationRequestResolver(registrations.repository());
        // OAU-2: PKCE S256 for every provider, confidential clients included (RFC 9700 §2.1.1).
        this.resolver.setAuthorizationRequestCustomizer(OAuth2AuthorizationRequestCustomizers.withPkce());
    }

    @GetMapping("/api/v1/auth/oauth/{provider}/start")
    @Operation(summary = "Start a sign-in with a provider (OAU-1, OAU-2)", description = "302 to the provider's "
            + "authorization endpoint with state, PKCE S256 and (OIDC) nonce; sets the browser-binding cookie.")
    @ApiResponse(responseCode = "302", description = "To the provider")
    ModelAndView start(@PathVariable String provider,
            @Parameter(description = "Where to return after the sign-in: a path on this server, or an address under "
                    + "portcullis.social.allowed-redirects") @RequestParam(name = "redirect_to", required = false)
            String redirectTo,
            RequestOrigin origin, HttpServletRequest request, HttpServletResponse response) {
        limiter.consume(RatePolicy.SOCIAL, RateSubject.ofIp(origin.ip()));
        ClientRegistration registration = registration(provider);
        String target = redirects.resolve(redirectTo);
        OAuth2AuthorizationRequest resolved = resolver.resolve(request, registration.getRegistrationId());
        OAuth2AuthorizationRequest authorization = OAuth2AuthorizationRequest.from(resolved)
                .attributes(a -> a.put(AuthorizationRequests.REDIRECT_TO, target)).build();
        requests.saveAuthorizationRequest(authorization, request, response);
        return redirect(response, authorization.getAuthorizationRequestUri());
    }

    @GetMapping("/api/v1/auth/oauth/{provider}/callback")
    @Operation(summary = "The provider's redirect back (OAU-2..4)", description = "Checks the state (single use, "
            + "this browser's), the iss parameter (RFC 9207), redeems the code with the PKCE verifier, verifies the "
            + "id_token, then signs in: 302 to redirect_to with the session cookies; or 200 with a page asking for "
            + "the second factor (MFA-3) or for the password of the existing account with this email (OAU-4). "
            + "Sent with Referrer-Policy: no-referrer.")
    @ApiResponse(responseCode = "302", description = "Signed in: back into the app, with the session cookies")
    @ApiResponse(responseCode = "200", description = "A page: the second factor is needed, or a link awaits the "
            + "account owner's sign-in")
    ModelAndView callback(@PathVariable String provider,
            @RequestParam(required = false) String code, @RequestParam(required = false) String state,
            @RequestParam(required = false) String iss, @RequestParam(required = false) String error,
            RequestOrigin origin, HttpServletRequest request, HttpServletResponse response) {
        // OAU-2: the code and state in this URL must not travel on in a Referer header.
        response.setHeader("Referrer-Policy", "no-referrer");
        limiter.consume(RatePolicy.SOCIAL, RateSubject.ofIp(origin.ip()));
        ClientRegistration registration = registration(provider);
        if (tooLong(code) || tooLong(state) || tooLong(iss) || tooLong(error)) {
            throw refused(origin, provider, "malformed");
        }
        OAuth2AuthorizationRequest authorization = requests.removeAuthorizationRequest(request, response);
        if (authorization == null) {
            throw badState(origin, provider);
        }
        // OAU-2 mix-up defence (RFC 9700 §4.4.2): each provider has its own redirect URI and the state
        // was issued for this one; an OIDC provider's response that names an issuer (RFC 9207) must name
        // its own. GitHub publishes no issuer identifier to compare with, so there the first check carries it.
        if (!provider.equals(authorization.getAttribute(OAuth2ParameterNames.REGISTRATION_ID))) {
            throw badState(origin, provider);
        }
        if (iss != null && ProviderRegistrations.kind(registration) == ProviderRegistrations.Kind.OIDC
                && !iss.equals(ProviderRegistrations.issuer(registration))) {
            throw refused(origin, provider, "issuer_mismatch");
        }
        if (error != null) {
            audit.record(AuditEvent.of("social.refused", null, origin).withDetail("provider", provider)
                    .withDetail("reason", "provider_error"));
            throw new ProblemException(ErrorCode.INVALID_CREDENTIALS, 401,
                    "The sign-in was cancelled or refused at the provider.", List.of(), Map.of());
        }
        if (code == null || code.isEmpty()) {
            throw refused(origin, provider, "no_code");
        }
        ProviderIdentity identity;
        try {
            identity = providers.authenticate(registration, authorization, code);
        } catch (ProblemException refused) {
            audit.record(AuditEvent.of("social.refused", null, origin).withDetail("provider", provider)
                    .withDetail("reason", "verification_failed"));
            throw refused;
        }
        SocialAccounts.Resolution resolution = accounts.resolve(identity, locale(request), origin);
        if (resolution instanceof SocialAccounts.LinkPending pending) {
            response.addHeader(HttpHeaders.SET_COOKIE, ResponseCookie.from(LINK_COOKIE, pending.cookie()).path("/")
                    .secure(true).httpOnly(true).sameSite("Strict").maxAge(properties.linkLifetime()).build().toString());
            return page("social/link", Map.of("provider", provider));
        }
        SocialAccounts.SignInTo to = (SocialAccounts.SignInTo) resolution;
        audit.record(AuditEvent.of("social.login", to.user().id(), origin).withDetail("provider", provider)
                .withDetail("created", to.created()));
        String target = authorization.getAttribute(AuthorizationRequests.REDIRECT_TO);
        SignIn.Outcome outcome = signIn.browserSignIn(to.user(), "fed", origin, request, response);
        if (outcome instanceof SignIn.MfaRequired mfa) {
            return page("social/mfa", Map.of("mfaToken", mfa.mfaToken(), "methods", mfa.methods(), "redirectTo",
                    target));
        }
        return redirect(response, target);
    }

    private ClientRegistration registration(String provider) {
        return registrations.find(provider).orElseThrow(() -> new ProblemException(ErrorCode.NOT_FOUND, 404,
                "No such sign-in provider.", List.of(), Map.of()));
    }

    private ProblemException badState(RequestOrigin origin, String provider) {
        audit.record(AuditEvent.of("social.refused", null, origin).withDetail("provider", provider)
                .withDetail("reason", "state"));
        return new ProblemException(ErrorCode.INVALID_TOKEN, 400, "The sign-in request is unknown, expired or used, "
                + "or was started in another browser; start the sign-in again.", List.of(), Map.of());
    }

    private ProblemException refused(RequestOrigin origin, String provider, String reason) {
        log.debug("social callback refused: {}", reason);
        audit.record(AuditEvent.of("social.refused", null, origin).withDetail("provider", provider)
                .withDetail("reason", reason));
        return ProviderLogins.refused();
    }

    private static boolean tooLong(String value) {
        return value != null && value.length() > MAX_PARAMETER;
    }

    private static Locale locale(HttpServletRequest request) {
        String language = request.getLocale() == null ? "" : request.getLocale().getLanguage();
        return language.isEmpty() ? Locale.ENGLISH : Locale.forLanguageTag(language);
    }

    private static ModelAndView page(String view, Map<String, ?> model) {
        return new ModelAndView(view, model);
    }

    /** A plain 302: no model attributes appended, nothing but the Location. */
    private static ModelAndView redirect(HttpServletResponse response, String location) {
        response.setStatus(HttpServletResponse.SC_FOUND);
        response.setHeader(HttpHeaders.LOCATION, location);
        return null;
    }
}
