package dev.portcullis.web;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.slf4j.MDC;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

import dev.portcullis.shared.AuthenticatedUser;
import dev.portcullis.shared.ProblemException;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Runs the {@link RequestAuthenticator} on every request and turns its answer into Spring Security's
 * context (roles as {@code ROLE_x}, scopes as {@code SCOPE_x}) so route rules and
 * {@code @AuthenticationPrincipal} work; a refusal is written as problem+json right here.
 */
final class AuthenticationFilter extends OncePerRequestFilter {

    static final String USER_ID_MDC = "user_id";

    private final RequestAuthenticator authenticator;
    private final ProblemWriter problems;

    AuthenticationFilter(RequestAuthenticator authenticator, ProblemWriter problems) {
        this.authenticator = authenticator;
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<AuthenticatedUser> caller;
        try {
            caller = authenticator.authenticate(request);
        } catch (ProblemException refused) {
            problems.write(request, response, refused);
            return;
        }
        if (caller.isEmpty()) {
            chain.doFilter(request, response);
            return;
        }
        AuthenticatedUser user = caller.get();
        SecurityContextHolder.getContext().setAuthentication(
                UsernamePasswordAuthenticationToken.authenticated(user, null, authorities(user)));
        MDC.put(USER_ID_MDC, user.userId());
        try {
            chain.doFilter(request, response);
        } finally {
            MDC.remove(USER_ID_MDC);
        }
    }

    private static List<GrantedAuthority> authorities(AuthenticatedUser user) {
        List<GrantedAuthority> authorities = new ArrayList<>();
        user.roles().forEach(role -> authorities.add(new SimpleGrantedAuthority("ROLE_" + role)));
        user.scopes().forEach(scope -> authorities.add(new SimpleGrantedAuthority("SCOPE_" + scope)));
        return authorities;
    }
}
