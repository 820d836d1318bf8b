package dev.portcullis.web;

import java.util.function.Supplier;

import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.csrf.CsrfTokenRequestHandler;
import org.springframework.security.web.csrf.XorCsrfTokenRequestAttributeHandler;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Spring's BREACH-safe (Xor-masked) token handler, except that a token which does not even decode
 * is treated as a wrong token (403 {@code csrf_failed}) instead of escaping as an exception (500).
 */
final class CsrfTokenHandler implements CsrfTokenRequestHandler {

    private final XorCsrfTokenRequestAttributeHandler delegate = new XorCsrfTokenRequestAttributeHandler();

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, Supplier<CsrfToken> token) {
        delegate.handle(request, response, token);
    }

    @Override
    public String resolveCsrfTokenValue(HttpServletRequest request, CsrfToken token) {
        try {
            return delegate.resolveCsrfTokenValue(request, token);
        } catch (IllegalArgumentException malformed) {
            return null;
        }
    }
}
