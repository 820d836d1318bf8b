package dev.portcullis.web;

import jakarta.servlet.http.HttpServletRequest;

import dev.portcullis.shared.RequestOrigin;

/** Names of the request attributes the tracing filter sets, and typed reads of them. */
final class RequestAttributes {

    static final String REQUEST_ID = "portcullis.requestId";
    static final String ORIGIN = RequestOrigin.REQUEST_ATTRIBUTE;
    /** Read by templates as {@code ${cspNonce}}. */
    static final String CSP_NONCE = "cspNonce";

    private RequestAttributes() {
    }

    static String requestId(HttpServletRequest request) {
        Object id = request.getAttribute(REQUEST_ID);
        return id instanceof String s ? s : null;
    }

    static RequestOrigin origin(HttpServletRequest request) {
        Object origin = request.getAttribute(ORIGIN);
        return origin instanceof RequestOrigin o ? o : new RequestOrigin(request.getRemoteAddr(),
                request.getHeader("User-Agent"), requestId(request));
    }

    static String cspNonce(HttpServletRequest request) {
        Object nonce = request.getAttribute(CSP_NONCE);
        return nonce instanceof String s ? s : null;
    }
}
