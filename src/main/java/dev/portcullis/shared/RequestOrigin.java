package dev.portcullis.shared;

/**
 * Where a request came from, as the web layer resolved it: the client IP (trusted proxies already
 * applied, LOG-6), the user agent (truncated) and the request id. Passed explicitly to modules that
 * record it (audit, sessions) so none of them reads HTTP headers itself.
 */
public record RequestOrigin(String ip, String userAgent, String requestId) {

    public static final int MAX_USER_AGENT = 512;
    /** The servlet request attribute under which the web layer keeps the resolved origin. */
    public static final String REQUEST_ATTRIBUTE = "portcullis.origin";

    public RequestOrigin {
        if (userAgent != null && userAgent.length() > MAX_USER_AGENT) {
            userAgent = userAgent.substring(0, MAX_USER_AGENT);
        }
    }

    /** For work that no request started (scheduled jobs, the CLI). */
    public static RequestOrigin system() {
        return new RequestOrigin(null, "portcullis", null);
    }
}
