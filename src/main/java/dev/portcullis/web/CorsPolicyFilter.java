package dev.portcullis.web;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsUtils;
import org.springframework.web.cors.DefaultCorsProcessor;
import org.springframework.web.filter.OncePerRequestFilter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import dev.portcullis.config.PublicUrls;
import dev.portcullis.shared.ErrorCode;

/**
 * WEB-5 in the security filter chain. Spring's CORS processor decides; a refused cross-origin
 * request gets 403 problem+json and no CORS headers, instead of Spring's plain-text body.
 */
class CorsPolicyFilter extends OncePerRequestFilter {

    private final CorsConfiguration configuration;
    private final DefaultCorsProcessor processor = new SilentRejectProcessor();
    private final ProblemWriter problems;

    CorsPolicyFilter(CorsProperties properties, PublicUrls urls, ProblemWriter problems) {
        this.problems = problems;
        List<String> origins = new ArrayList<>(properties.allowedOrigins());
        String issuerOrigin = CorsProperties.normalise(urls.issuer().replaceAll("^(https?://[^/]+).*$", "$1"));
        if (!origins.contains(issuerOrigin)) {
            origins.add(issuerOrigin);
        }
        CorsConfiguration cors = new CorsConfiguration();
        cors.setAllowedOrigins(origins);
        cors.setAllowedMethods(List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"));
        // X-Captcha-Token: the Turnstile token of sign-in, sign-up and forgot password (LOG-5).
        cors.setAllowedHeaders(List.of("Authorization", "Content-Type", "X-CSRF-TOKEN", "X-Request-Id", "X-API-Key",
                "X-Captcha-Token", "Accept", "Accept-Language"));
        cors.setExposedHeaders(List.of("X-Request-Id", "Retry-After", "RateLimit", "RateLimit-Policy", "Location"));
        cors.setAllowCredentials(properties.allowCredentials());
        cors.setMaxAge(properties.maxAge());
        this.configuration = cors;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (CorsUtils.isCorsRequest(request)) {
            if (!processor.processRequest(configuration, request, response)) {
                problems.write(request, response, ErrorCode.FORBIDDEN, 403, "This origin is not allowed.");
                return;
            }
            if (CorsUtils.isPreFlightRequest(request)) {
                response.setStatus(HttpServletResponse.SC_NO_CONTENT);
                return;
            }
        }
        chain.doFilter(request, response);
    }

    private static final class SilentRejectProcessor extends DefaultCorsProcessor {
        @Override
        protected void rejectRequest(ServerHttpResponse response) {
            // The filter writes the problem body itself.
        }
    }
}
