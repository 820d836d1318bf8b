package dev.portcullis.auth;

import java.time.Duration;
import java.util.Optional;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * TOK-6 browser mode: tokens live in HttpOnly cookies script can never read. The access cookie is a
 * {@code __Host-} cookie (Secure, Path=/, no Domain: no subdomain can set or read it), SameSite=Lax
 * so a top-level navigation from a mail link still arrives signed in. The refresh cookie must be
 * scoped to the token endpoints, which the {@code __Host-} prefix forbids (it demands Path=/), so it
 * is a {@code __Secure-} cookie, still without Domain and therefore host-only, with Path
 * {@value #REFRESH_PATH} and SameSite=Strict: only this server's refresh and logout routes ever see it.
 * Requests carrying either cookie need a CSRF token (web.CsrfRequirement).
 */
final class TokenCookies {

    static final String ACCESS = "__Host-portcullis-access";
    static final String REFRESH = "__Secure-portcullis-refresh";
    static final String REFRESH_PATH = "/api/v1/auth";
    /** A client opts into browser mode on login with this header; refresh answers in the mode it was asked in. */
    static final String DELIVERY_HEADER = "X-Token-Delivery";

    private TokenCookies() {
    }

    static boolean cookieModeRequested(HttpServletRequest request) {
        return "cookie".equalsIgnoreCase(request.getHeader(DELIVERY_HEADER));
    }

    /** Whether the request carries either token cookie (then logout must clear them). */
    static boolean present(HttpServletRequest request) {
        return read(request, ACCESS).isPresent() || read(request, REFRESH).isPresent();
    }

    /** Hands a grant out in the mode asked for: cookies and lifetimes only, or everything in the body. */
    static TokenResponse deliver(TokenGrant grant, boolean cookieMode, HttpServletResponse response) {
        if (!cookieMode) {
            return TokenResponse.body(grant);
        }
        write(response, grant);
        return TokenResponse.cookies(grant);
    }

    static Optional<String> read(HttpServletRequest request, String name) {
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return Optional.empty();
        }
        for (Cookie cookie : cookies) {
            if (cookie.getName().equals(name) && !cookie.getValue().isEmpty()) {
                return Optional.of(cookie.getValue());
            }
        }
        return Optional.empty();
    }

    private static void write(HttpServletResponse response, TokenGrant grant) {
        response.addHeader(HttpHeaders.SET_COOKIE, ResponseCookie.from(ACCESS, grant.accessToken()).path("/")
                .secure(true).httpOnly(true).sameSite("Lax").maxAge(Duration.ofSeconds(grant.expiresIn())).build()
                .toString());
        ResponseCookie.ResponseCookieBuilder refresh = ResponseCookie.from(REFRESH, grant.refreshToken())
                .path(REFRESH_PATH).secure(true).httpOnly(true).sameSite("Strict");
        // Without "remember me" the refresh cookie dies with the browser session (TOK-3).
        if (grant.rememberMe()) {
            refresh.maxAge(Duration.ofSeconds(grant.refreshExpiresIn()));
        }
        response.addHeader(HttpHeaders.SET_COOKIE, refresh.build().toString());
    }

    /** TOK-4: browser logout forgets both cookies. */
    static void clear(HttpServletResponse response) {
        response.addHeader(HttpHeaders.SET_COOKIE, ResponseCookie.from(ACCESS, "").path("/").secure(true)
                .httpOnly(true).sameSite("Lax").maxAge(0).build().toString());
        response.addHeader(HttpHeaders.SET_COOKIE, ResponseCookie.from(REFRESH, "").path(REFRESH_PATH).secure(true)
                .httpOnly(true).sameSite("Strict").maxAge(0).build().toString());
        response.setHeader("Clear-Site-Data", "\"cookies\"");
    }
}
