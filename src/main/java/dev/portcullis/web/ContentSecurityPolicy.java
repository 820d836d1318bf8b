package dev.portcullis.web;

import org.springframework.security.web.header.HeaderWriter;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * WEB-3: a per-request nonce policy on every response. Scripts run only with the nonce of this
 * response ('strict-dynamic' lets those load their own modules); no inline handlers, no plugins,
 * no {@code <base>} rewriting, no framing. The bundled OpenAPI UI ships static script files
 * without nonces, so its path alone allows same-origin scripts and inline styles.
 */
final class ContentSecurityPolicy implements HeaderWriter {

    static final String HEADER = "Content-Security-Policy";
    /** For error bodies and other responses that never render active content. */
    static final String NOTHING_ACTIVE = "default-src 'none'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";
    private static final String COMMON = "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";
    private static final String API_DOCS_UI = "/swagger-ui/";

    @Override
    public void writeHeaders(HttpServletRequest request, HttpServletResponse response) {
        if (response.containsHeader(HEADER)) {
            return;
        }
        response.setHeader(HEADER, policyFor(request));
    }

    static String policyFor(HttpServletRequest request) {
        if (request.getRequestURI().startsWith(API_DOCS_UI)) {
            return "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
                    + COMMON;
        }
        String nonce = RequestAttributes.cspNonce(request);
        String scripts = nonce == null ? "'none'" : "'nonce-" + nonce + "' 'strict-dynamic'";
        return "default-src 'self'; script-src " + scripts + "; style-src 'self'; img-src 'self' data:; "
                + "font-src 'self'; connect-src 'self'; " + COMMON;
    }
}
