package dev.portcullis.web;

import java.util.Locale;
import java.util.Set;

import org.springframework.security.web.util.matcher.RequestMatcher;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;

/**
 * WEB-2: which requests must carry a CSRF token. A state-changing request needs one when a
 * browser could have sent it with ambient authority or from a cross-site form:
 * <ul>
 * <li>it carries a Portcullis cookie, or</li>
 * <li>it targets a hosted page (every form, anonymous ones included), or</li>
 * <li>its body is one a cross-site form or no-cors fetch can send (form, multipart, text, or a body
 * without a type).</li>
 * </ul>
 * A request with {@code Authorization} or {@code X-API-Key} is authenticated by that header, which
 * no cross-site page can set without a CORS preflight, so it needs no token; a cookie-less JSON API
 * call carries no ambient authority at all.
 */
final class CsrfRequirement implements RequestMatcher {

    static final String COOKIE_PREFIX = "__Host-portcullis-";
    /** The refresh cookie is path-scoped (TOK-6), which the __Host- prefix forbids. */
    static final String PATH_COOKIE_PREFIX = "__Secure-portcullis-";
    /**
     * LOG-3's device cookie grants nothing (the password is still required; it only keeps its
     * browser's own rate-limit allowance), so it is no ambient authority and needs no CSRF token:
     * API clients that keep cookies can sign in with it as they did before. MFA-4's trusted-device
     * cookie likewise: it only spares its own user the second step, after that user's password.
     */
    static final Set<String> NO_AUTHORITY_COOKIES = Set.of("__Secure-portcullis-device",
            "__Secure-portcullis-trusted-device");
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

    @Override
    public boolean matches(HttpServletRequest request) {
        if (SAFE_METHODS.contains(request.getMethod())) {
            return false;
        }
        if (request.getHeader("Authorization") != null || request.getHeader("X-API-Key") != null) {
            return false;
        }
        if (hasPortcullisCookie(request) || !request.getRequestURI().startsWith("/api/")) {
            return true;
        }
        String type = request.getContentType();
        if (type == null) {
            return request.getContentLengthLong() > 0 || request.getHeader("Transfer-Encoding") != null;
        }
        String mediaType = type.toLowerCase(Locale.ROOT);
        return !(mediaType.startsWith("application/json") || mediaType.startsWith("application/problem+json"));
    }

    private static boolean hasPortcullisCookie(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return false;
        }
        for (Cookie cookie : cookies) {
            if (NO_AUTHORITY_COOKIES.contains(cookie.getName())) {
                continue;
            }
            if (cookie.getName().startsWith(COOKIE_PREFIX) || cookie.getName().startsWith(PATH_COOKIE_PREFIX)) {
                return true;
            }
        }
        return false;
    }
}
