package dev.portcullis.web;

import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.csrf.CsrfTokenRepository;
import org.springframework.security.web.csrf.DefaultCsrfToken;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import dev.portcullis.shared.SecretTokens;

/**
 * Spring's cookie repository, with tokens of 256 bits from the shared SecureRandom instead of a
 * UUID (PWD-4).
 */
final class CsrfTokens implements CsrfTokenRepository {

    private final CookieCsrfTokenRepository cookies;
    private final SecretTokens tokens;

    CsrfTokens(CookieCsrfTokenRepository cookies, SecretTokens tokens) {
        this.cookies = cookies;
        this.tokens = tokens;
    }

    @Override
    public CsrfToken generateToken(HttpServletRequest request) {
        return new DefaultCsrfToken(SecurityConfiguration.CSRF_HEADER, SecurityConfiguration.CSRF_PARAMETER,
                tokens.newToken());
    }

    @Override
    public void saveToken(CsrfToken token, HttpServletRequest request, HttpServletResponse response) {
        cookies.saveToken(token, request, response);
    }

    @Override
    public CsrfToken loadToken(HttpServletRequest request) {
        return cookies.loadToken(request);
    }
}
