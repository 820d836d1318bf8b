package dev.portcullis.social;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;

import org.springframework.stereotype.Component;

import dev.portcullis.config.PublicUrls;
import dev.portcullis.shared.FieldViolation;
import dev.portcullis.shared.ProblemException;

/**
 * OAU-2: where a sign-in may send the browser afterwards. A path on the issuer ({@code /welcome}), or
 * an absolute URL under one of {@code portcullis.social.allowed-redirects}; nothing else. Browsers
 * read {@code //evil} and {@code /\evil} as another host (WHATWG URL: a backslash is a slash in
 * special schemes), so a relative target must start with exactly one slash and contain no backslash,
 * no control character and no whitespace at all (OWASP Unvalidated Redirects Cheat Sheet).
 */
@Component
class RedirectTargets {

    static final int MAX_LENGTH = 2048;

    private final PublicUrls urls;
    private final List<URI> allowed;
    private final String defaultTarget;

    RedirectTargets(PublicUrls urls, SocialProperties properties) {
        this.urls = urls;
        this.allowed = properties.allowedRedirects();
        this.defaultTarget = properties.defaultRedirect();
        if (!isAllowed(defaultTarget)) {
            throw new IllegalArgumentException("PORTCULLIS_SOCIAL_DEFAULT_REDIRECT must be a path on the issuer or "
                    + "under PORTCULLIS_SOCIAL_ALLOWED_REDIRECTS: " + defaultTarget);
        }
    }

    /**
     * The absolute URL to send the browser to.
     *
     * @param requested the client's {@code redirect_to}, or null for the default
     * @throws ProblemException 400 {@code validation_failed} for any other target
     */
    String resolve(String requested) {
        String target = requested == null || requested.isEmpty() ? defaultTarget : requested;
        if (!isAllowed(target)) {
            throw ProblemException.validation(List.of(new FieldViolation("redirect_to", "not_allowed",
                    "is not a path on this server or an allowed address")));
        }
        return target.startsWith("/") ? urls.issuer() + target : target;
    }

    boolean isAllowed(String target) {
        if (target.length() > MAX_LENGTH || target.indexOf('\\') >= 0 || target.chars().anyMatch(
                c -> c <= 0x20 || c == 0x7f || Character.isWhitespace(c) || Character.isISOControl(c))) {
            return false;
        }
        URI uri;
        try {
            uri = new URI(target);
        } catch (URISyntaxException e) {
            return false;
        }
        if (target.startsWith("/")) {
            return !target.startsWith("//") && uri.getScheme() == null && uri.getRawAuthority() == null;
        }
        return uri.isAbsolute() && uri.getRawUserInfo() == null && uri.getHost() != null
                && allowed.stream().anyMatch(prefix -> under(uri, prefix));
    }

    /** Same scheme, host and port, and a path at or below the allowed one (never a sibling "/app-evil"). */
    private static boolean under(URI target, URI prefix) {
        if (!target.getScheme().equalsIgnoreCase(prefix.getScheme())
                || !target.getHost().toLowerCase(Locale.ROOT).equals(prefix.getHost().toLowerCase(Locale.ROOT))
                || port(target) != port(prefix)) {
            return false;
        }
        String path = target.getRawPath() == null || target.getRawPath().isEmpty() ? "/" : target.getRawPath();
        String base = prefix.getRawPath() == null || prefix.getRawPath().isEmpty() ? "/" : prefix.getRawPath();
        if (path.contains("/../") || path.endsWith("/..") || path.contains("/./")) {
            return false;
        }
        return base.endsWith("/") ? path.startsWith(base) : path.equals(base) || path.startsWith(base + "/");
    }

    private static int port(URI uri) {
        if (uri.getPort() != -1) {
            return uri.getPort();
        }
        return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }
}
