package com.example.resourceserver;

import java.util.List;
import java.util.Map;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The protected API: what each route needs is declared in {@link SecurityConfiguration}. */
@RestController
class ApiController {

    /** Any valid token: who the caller is, and the authorities mapped from the token. */
    @GetMapping("/hello")
    Map<String, Object> hello(JwtAuthenticationToken authentication) {
        List<String> authorities = authentication.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .sorted().toList();
        return Map.of("subject", authentication.getToken().getSubject(), "authorities", authorities);
    }

    /** Needs scope reports:read, which a user's sign-in token does not carry. */
    @GetMapping("/reports")
    Map<String, Object> reports(@AuthenticationPrincipal Jwt jwt) {
        return Map.of("requested_by", jwt.getSubject(), "reports", List.of());
    }

    /** Needs role admin (the roles claim). */
    @GetMapping("/admin/stats")
    Map<String, Object> adminStats(@AuthenticationPrincipal Jwt jwt) {
        return Map.of("requested_by", jwt.getSubject());
    }
}
