package dev.portcullis.web;

import java.util.List;

/**
 * WEB-3: how a feature module lets the pages load an outside widget (the CAPTCHA, LOG-5) without
 * the web module depending on it. Every bean of this type is collected once at startup; a module
 * whose feature is switched off returns empty lists, and the policy stays exactly as it is without
 * it. Only {@code https://host[:port]} origins are accepted, so no contribution can weaken the
 * policy with a keyword such as {@code 'unsafe-inline'} or a wildcard.
 */
public interface ContentSecurityPolicySources {

    /**
     * Origins added to {@code script-src} after the nonce. With {@code 'strict-dynamic'} CSP3
     * browsers ignore host sources (the page's nonce-bearing {@code <script>} is what allows the
     * widget); older browsers fall back to this list.
     */
    default List<String> scriptSources() {
        return List.of();
    }

    /** Origins the pages may frame; when any are given, {@code frame-src 'self'} plus them is added. */
    default List<String> frameSources() {
        return List.of();
    }
}
