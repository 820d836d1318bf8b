package dev.portcullis.web;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

import org.springframework.security.web.header.HeaderWriter;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * WEB-3: a per-request nonce policy on every response. Scripts run only with the nonce of this
 * response ('strict-dynamic' lets those load their own modules); no inline handlers, no plugins,
 * no {@code <base>} rewriting, no framing. The bundled OpenAPI UI ships static script files
 * without nonces, so its path alone allows same-origin scripts and inline styles. Feature modules
 * add outside origins through {@link ContentSecurityPolicySources} (LOG-5: Turnstile, only when the
 * CAPTCHA is on); without any, the policy is the base one.
 */
final class ContentSecurityPolicy implements HeaderWriter {

    static final String HEADER = "Content-Security-Policy";
    /** For error bodies and other responses that never render active content. */
    static final String NOTHING_ACTIVE = "default-src 'none'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";
    private static final String COMMON = "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";
    private static final String API_DOCS_UI = "/swagger-ui/";
    private static final Pattern HTTPS_ORIGIN = Pattern.compile("https://[A-Za-z0-9.-]+(:[0-9]{1,5})?");

    /** " https://a https://b" appended to script-src, or "". */
    private final String extraScripts;
    /** "frame-src 'self' https://a; " or "" (then default-src 'self' governs frames, as before). */
    private final String frames;

    ContentSecurityPolicy(List<ContentSecurityPolicySources> contributions) {
        this.extraScripts = joined(contributions, ContentSecurityPolicySources::scriptSources);
        String extraFrames = joined(contributions, ContentSecurityPolicySources::frameSources);
        this.frames = extraFrames.isEmpty() ? "" : "frame-src 'self'" + extraFrames + "; ";
    }

    private static String joined(List<ContentSecurityPolicySources> contributions,
            Function<ContentSecurityPolicySources, List<String>> directive) {
        Set<String> origins = new LinkedHashSet<>();
        for (ContentSecurityPolicySources contribution : contributions) {
            for (String origin : directive.apply(contribution)) {
                if (origin == null || !HTTPS_ORIGIN.matcher(origin).matches()) {
                    throw new IllegalArgumentException("a CSP source must be an https origin (https://host[:port]): "
                            + origin);
                }
                origins.add(origin);
            }
        }
        StringBuilder joined = new StringBuilder();
        origins.forEach(origin -> joined.append(' ').append(origin));
        return joined.toString();
    }

    @Override
    public void writeHeaders(HttpServletRequest request, HttpServletResponse response) {
        if (response.containsHeader(HEADER)) {
            return;
        }
        response.setHeader(HEADER, policyFor(request));
    }

    String policyFor(HttpServletRequest request) {
        if (request.getRequestURI().startsWith(API_DOCS_UI)) {
            return "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
                    + COMMON;
        }
        String nonce = RequestAttributes.cspNonce(request);
        String scripts = nonce == null ? "'none'" : "'nonce-" + nonce + "' 'strict-dynamic'" + extraScripts;
        return "default-src 'self'; script-src " + scripts + "; style-src 'self'; img-src 'self' data:; "
                + "font-src 'self'; connect-src 'self'; " + frames + COMMON;
    }
}
