package dev.portcullis.ratelimit;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import io.github.bucket4j.ConsumptionProbe;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The headers of draft-ietf-httpapi-ratelimit-headers: {@code RateLimit-Policy} lists every limit
 * of the policy ({@code "login.ip+account.15m";q=5;w=900}); {@code RateLimit} reports the one with the
 * least left ({@code "login.ip+account.15m";r=4;t=180}, t = seconds until it is full again). A refusal
 * adds {@code Retry-After}: the seconds until the exhausted limit has one request again.
 */
final class RateLimitHeaders {

    static final String POLICY = "RateLimit-Policy";
    static final String LIMIT = "RateLimit";

    private final RatePolicy policy;
    private final String policyHeader;
    private RateLimit tightest;
    private ConsumptionProbe tightestProbe;

    RateLimitHeaders(RatePolicy policy, List<RateLimit> limits) {
        this.policy = policy;
        this.policyHeader = limits.stream()
                .map(l -> "\"" + l.name(policy) + "\";q=" + l.capacity() + ";w=" + l.period().toSeconds())
                .collect(Collectors.joining(", "));
    }

    void allowed(RateLimit limit, ConsumptionProbe probe) {
        if (tightestProbe == null || probe.getRemainingTokens() < tightestProbe.getRemainingTokens()) {
            tightest = limit;
            tightestProbe = probe;
        }
    }

    Map<String, String> refused(RateLimit limit, ConsumptionProbe probe) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Retry-After", Long.toString(seconds(probe.getNanosToWaitForRefill())));
        headers.put(POLICY, policyHeader);
        headers.put(LIMIT, "\"" + limit.name(policy) + "\";r=0;t=" + seconds(probe.getNanosToWaitForRefill()));
        return headers;
    }

    /** Success responses carry the headers too, so well-behaved clients can slow down in time. */
    void writeToCurrentResponse() {
        RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
        if (tightest == null || !(attributes instanceof ServletRequestAttributes servlet)) {
            return;
        }
        HttpServletResponse response = servlet.getResponse();
        if (response == null) {
            return;
        }
        response.setHeader(POLICY, policyHeader);
        response.setHeader(LIMIT, "\"" + tightest.name(policy) + "\";r=" + tightestProbe.getRemainingTokens() + ";t="
                + seconds(tightestProbe.getNanosToWaitForReset()));
    }

    /** Whole seconds, rounded up, at least 1: "0" would invite an immediate retry that fails again. */
    private static long seconds(long nanos) {
        return Math.max(1, (nanos + 999_999_999L) / 1_000_000_000L);
    }
}
