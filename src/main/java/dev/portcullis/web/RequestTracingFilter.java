package dev.portcullis.web;

import java.io.IOException;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import dev.portcullis.shared.RequestOrigin;
import dev.portcullis.shared.SecretTokens;

/**
 * The first filter of every request: assigns the request id (a sane {@code X-Request-Id} from the
 * client is kept, AUD-2), resolves the client IP (LOG-6), creates the CSP nonce (WEB-3), puts
 * request id and IP into the logging context, and writes one access-log line with the query string
 * redacted. A request that a trusted proxy received over HTTPS is seen as secure from here on.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class RequestTracingFilter extends OncePerRequestFilter {

    static final String HEADER = "X-Request-Id";
    private static final Pattern SANE_ID = Pattern.compile("[A-Za-z0-9._:-]{8,64}");
    private static final Logger ACCESS = LoggerFactory.getLogger("portcullis.http");

    private final ClientIpResolver clientIps;
    private final SecretTokens tokens;

    RequestTracingFilter(ClientIpResolver clientIps, SecretTokens tokens) {
        this.clientIps = clientIps;
        this.tokens = tokens;
    }

    /** The request as the client made it: over HTTPS to a TLS-terminating trusted proxy. */
    private static final class HttpsForwardedRequest extends HttpServletRequestWrapper {

        HttpsForwardedRequest(HttpServletRequest request) {
            super(request);
        }

        @Override
        public boolean isSecure() {
            return true;
        }

        @Override
        public String getScheme() {
            return "https";
        }
    }

    @Override
    protected boolean shouldNotFilterAsyncDispatch() {
        return false;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String incoming = request.getHeader(HEADER);
        String requestId = incoming != null && SANE_ID.matcher(incoming).matches() ? incoming : tokens.newToken(16);
        String ip = clientIps.resolve(request);
        request.setAttribute(RequestAttributes.REQUEST_ID, requestId);
        request.setAttribute(RequestAttributes.ORIGIN, new RequestOrigin(ip, request.getHeader("User-Agent"), requestId));
        request.setAttribute(RequestAttributes.CSP_NONCE, tokens.newToken(16));
        response.setHeader(HEADER, requestId);
        MDC.put("request_id", requestId);
        MDC.put("client_ip", ip);
        long start = System.nanoTime();
        try {
            chain.doFilter(clientIps.forwardedOverHttps(request) ? new HttpsForwardedRequest(request) : request, response);
        } finally {
            if (ACCESS.isInfoEnabled()) {
                ACCESS.info("{} {}{} -> {} in {} ms", request.getMethod(), request.getRequestURI(),
                        LogRedactor.redactQuery(request.getQueryString()), response.getStatus(),
                        (System.nanoTime() - start) / 1_000_000);
            }
            MDC.remove("request_id");
            MDC.remove("client_ip");
            MDC.remove("user_id");
        }
    }
}
