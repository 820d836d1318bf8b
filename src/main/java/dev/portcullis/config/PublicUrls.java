package dev.portcullis.config;

import java.net.URI;

import org.springframework.stereotype.Component;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Links that leave Portcullis (emails, discovery documents) are built from the configured issuer
 * (MAIL-2), never from the Host header a client sent: a forged Host must not turn a reset link
 * into one that points at an attacker.
 */
@Component
public class PublicUrls {

    private final String base;

    PublicUrls(PortcullisProperties properties) {
        String issuer = properties.issuer().toString();
        this.base = issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
    }

    /** The issuer without a trailing slash, e.g. {@code https://auth.example.com}. */
    public String issuer() {
        return base;
    }

    /** An absolute URL for {@code path} with encoded query parameters given as name, value pairs. */
    public URI link(String path, String... queryPairs) {
        if (!path.startsWith("/") || path.startsWith("//")) {
            throw new IllegalArgumentException("path must be absolute within the issuer: " + path);
        }
        if (queryPairs.length % 2 != 0) {
            throw new IllegalArgumentException("query parameters come in name, value pairs");
        }
        UriComponentsBuilder builder = UriComponentsBuilder.fromUriString(base).path(path);
        for (int i = 0; i < queryPairs.length; i += 2) {
            builder.queryParam(queryPairs[i], queryPairs[i + 1]);
        }
        return builder.encode().build().toUri();
    }
}
