package dev.portcullis.social;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * OAU-1..4: social login. The providers themselves are Spring Security's standard
 * {@code spring.security.oauth2.client.*} settings; these are Portcullis' own.
 *
 * @param allowedRedirects absolute URL prefixes ({@code https://app.example.com/} or
 *        {@code https://app.example.com/welcome}) a sign-in may return to with {@code redirect_to}
 *        (OAU-2). Default empty: only paths on the issuer itself. Each must be http(s), without
 *        query, fragment or user info.
 * @param defaultRedirect where a sign-in without {@code redirect_to} returns. Default {@code /}; must
 *        itself be allowed.
 * @param stateLifetime how long an authorization request may take between start and callback
 *        (OAU-2). Default 10m; 1m-1h.
 * @param linkLifetime how long a provider identity waits for the owner of the account with its email
 *        to sign in and confirm the link (OAU-4). Default 15m; 1m-1h.
 */
@ConfigurationProperties("portcullis.social")
record SocialProperties(
        List<URI> allowedRedirects,
        @DefaultValue("/") String defaultRedirect,
        @DefaultValue("10m") Duration stateLifetime,
        @DefaultValue("15m") Duration linkLifetime) {

    SocialProperties {
        allowedRedirects = allowedRedirects == null ? List.of() : List.copyOf(allowedRedirects);
        for (URI allowed : allowedRedirects) {
            String scheme = allowed.getScheme() == null ? "" : allowed.getScheme().toLowerCase(Locale.ROOT);
            if (!allowed.isAbsolute() || !(scheme.equals("https") || scheme.equals("http")) || allowed.getHost() == null
                    || allowed.getRawUserInfo() != null || allowed.getRawQuery() != null
                    || allowed.getRawFragment() != null) {
                throw new IllegalArgumentException("PORTCULLIS_SOCIAL_ALLOWED_REDIRECTS must list absolute http(s) "
                        + "URLs without user info, query or fragment: " + allowed);
            }
        }
        requireBetween(stateLifetime, "PORTCULLIS_SOCIAL_STATE_LIFETIME");
        requireBetween(linkLifetime, "PORTCULLIS_SOCIAL_LINK_LIFETIME");
    }

    private static void requireBetween(Duration value, String name) {
        if (value == null || value.compareTo(Duration.ofMinutes(1)) < 0 || value.compareTo(Duration.ofHours(1)) > 0) {
            throw new IllegalArgumentException(name + " must be between 1m and 1h");
        }
    }
}
