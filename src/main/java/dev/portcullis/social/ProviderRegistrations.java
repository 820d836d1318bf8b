package dev.portcullis.social;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.stereotype.Component;

import dev.portcullis.config.PublicUrls;

/**
 * OAU-1: the providers configured with Spring Security's standard properties
 * ({@code spring.security.oauth2.client.registration.<id>.*}, {@code .provider.<id>.*}); none is on
 * unless configured. Two kinds are accepted, and a registration of neither stops startup:
 * <ul>
 * <li>OIDC (its scopes include {@code openid}, e.g. {@code google} or any issuer): an issuer and a
 * JWKS are required, the id_token is verified (OAU-3);</li>
 * <li>{@code github}: OAuth 2 plus the emails API, whose primary verified address is the only one
 * accepted. Any other plain OAuth 2 provider has no verified email to trust and is refused.</li>
 * </ul>
 * The redirect URI is always {@code {issuer}/api/v1/auth/oauth/{id}/callback}, built from the
 * configured issuer, never from the request's Host (exact redirect URI matching, OAU-2).
 */
@Component
class ProviderRegistrations {

    enum Kind {
        OIDC, GITHUB
    }

    static final String GITHUB = "github";
    /** GitHub's emails API needs this scope; without it no verified address can be read. */
    static final String GITHUB_EMAIL_SCOPE = "user:email";

    private final Map<String, ClientRegistration> registrations = new LinkedHashMap<>();

    ProviderRegistrations(ObjectProvider<ClientRegistrationRepository> configured, PublicUrls urls) {
        ClientRegistrationRepository repository = configured.getIfAvailable();
        if (repository instanceof Iterable<?> all) {
            for (Object each : all) {
                ClientRegistration registration = (ClientRegistration) each;
                registrations.put(registration.getRegistrationId(), checked(registration, urls));
            }
        }
    }

    Optional<ClientRegistration> find(String id) {
        return Optional.ofNullable(registrations.get(id));
    }

    Set<String> ids() {
        return registrations.keySet();
    }

    /** For Spring's request resolver: only the registrations accepted here. */
    ClientRegistrationRepository repository() {
        return registrations::get;
    }

    static Kind kind(ClientRegistration registration) {
        return registration.getScopes().contains(OidcScopes.OPENID) ? Kind.OIDC : Kind.GITHUB;
    }

    /**
     * The issuer identities of this provider are keyed on with their subject: the OIDC issuer, or for
     * GitHub the origin of its authorization endpoint ({@code https://github.com}).
     */
    static String issuer(ClientRegistration registration) {
        if (kind(registration) == Kind.OIDC) {
            return registration.getProviderDetails().getIssuerUri();
        }
        URI authorization = URI.create(registration.getProviderDetails().getAuthorizationUri());
        return authorization.getScheme() + "://" + authorization.getRawAuthority();
    }

    private static ClientRegistration checked(ClientRegistration registration, PublicUrls urls) {
        String id = registration.getRegistrationId();
        if (!AuthorizationGrantType.AUTHORIZATION_CODE.equals(registration.getAuthorizationGrantType())) {
            throw new IllegalStateException("spring.security.oauth2.client.registration." + id
                    + ": social login uses the authorization_code grant only");
        }
        boolean oidc = registration.getScopes().contains(OidcScopes.OPENID);
        ClientRegistration.ProviderDetails provider = registration.getProviderDetails();
        Set<String> scopes = new LinkedHashSet<>(registration.getScopes());
        if (oidc) {
            if (provider.getIssuerUri() == null || provider.getJwkSetUri() == null) {
                throw new IllegalStateException("spring.security.oauth2.client.provider." + id + ".issuer-uri: an "
                        + "OIDC provider needs its issuer (and through it the JWKS) to verify id_tokens (OAU-3)");
            }
            // OAU-3: only a verified email links or creates an account; the email scope asks for it.
            scopes.add(OidcScopes.EMAIL);
        } else if (GITHUB.equals(id)) {
            scopes.add(GITHUB_EMAIL_SCOPE);
        } else {
            throw new IllegalStateException("spring.security.oauth2.client.registration." + id + ": a provider "
                    + "must be OIDC (scope openid, with an issuer-uri) or github; a plain OAuth 2 provider asserts "
                    + "no verified email");
        }
        return ClientRegistration.withClientRegistration(registration)
                .redirectUri(urls.issuer() + "/api/v1/auth/oauth/" + id + "/callback")
                .scope(scopes)
                .build();
    }
}
