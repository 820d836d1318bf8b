package dev.portcullis.web;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * WEB-5. Origins are trimmed and normalised (lower-case scheme and host, default port and trailing
 * slash removed) and must be bare origins; {@code *} with credentials is refused by the startup
 * check. The issuer's own origin is always allowed.
 *
 * @param allowedOrigins origins (scheme://host[:port]) that may call the API from a browser.
 * @param allowCredentials whether browsers may send cookies cross-origin (cookie mode for SPAs).
 * @param maxAge how long browsers may cache a preflight answer.
 */
@ConfigurationProperties("portcullis.cors")
record CorsProperties(
        @DefaultValue("") List<String> allowedOrigins,
        @DefaultValue("true") boolean allowCredentials,
        @DefaultValue("1h") Duration maxAge) {

    CorsProperties {
        LinkedHashSet<String> normalised = new LinkedHashSet<>();
        for (String raw : allowedOrigins) {
            String origin = raw.strip();
            if (origin.isEmpty()) {
                continue;
            }
            if (origin.equals("*")) {
                // Allowed only without credentials; the startup check refuses it otherwise.
                normalised.add("*");
                continue;
            }
            normalised.add(normalise(origin));
        }
        allowedOrigins = List.copyOf(normalised);
    }

    static String normalise(String origin) {
        URI uri;
        try {
            uri = new URI(origin.endsWith("/") ? origin.substring(0, origin.length() - 1) : origin);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a valid CORS origin: " + origin);
        }
        String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
        if (scheme == null || !(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null
                || (uri.getRawPath() != null && !uri.getRawPath().isEmpty()) || uri.getRawQuery() != null
                || uri.getRawFragment() != null || uri.getRawUserInfo() != null || origin.contains("*")) {
            throw new IllegalArgumentException("not a CORS origin (scheme://host[:port], no path or wildcard): " + origin);
        }
        int port = uri.getPort();
        boolean defaultPort = port == -1 || (scheme.equals("https") && port == 443) || (scheme.equals("http") && port == 80);
        return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
    }
}
