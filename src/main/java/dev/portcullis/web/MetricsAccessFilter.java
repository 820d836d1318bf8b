package dev.portcullis.web;

import java.io.IOException;

import org.springframework.web.filter.OncePerRequestFilter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import dev.portcullis.shared.ErrorCode;

/**
 * Prometheus metrics reveal traffic and failure patterns, so only the networks in
 * {@code portcullis.web.metrics-allowed-networks} (loopback by default) may read them.
 */
class MetricsAccessFilter extends OncePerRequestFilter {

    private final IpNetworks allowed;
    private final ProblemWriter problems;

    MetricsAccessFilter(WebProperties properties, ProblemWriter problems) {
        this.allowed = new IpNetworks(properties.metricsAllowedNetworks());
        this.problems = problems;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith("/actuator/prometheus");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!allowed.contains(RequestAttributes.origin(request).ip())) {
            problems.write(request, response, ErrorCode.FORBIDDEN, 403, "Metrics are not available from this network.");
            return;
        }
        chain.doFilter(request, response);
    }
}
