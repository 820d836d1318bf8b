package com.example.resourceserver;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtTypeValidator;
import org.springframework.security.oauth2.server.resource.authentication.DelegatingJwtGrantedAuthoritiesConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;
import org.springframework.security.web.SecurityFilterChain;

/**
 * How this API checks Portcullis access tokens. Spring Boot builds the JWT decoder from
 * {@code spring.security.oauth2.resourceserver.jwt.issuer-uri} (discovery, JWKS, signature, iss, exp)
 * and {@code ...jwt.audiences} (aud); this class adds what Boot cannot guess.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    /**
     * Portcullis access tokens carry {@code typ: at+jwt} (RFC 9068 section 2.1). Spring's default
     * type check accepts only {@code JWT} or no typ, so without this bean every token is refused.
     * Boot adds every {@code OAuth2TokenValidator<Jwt>} bean to the decoder, and a
     * {@link JwtTypeValidator} among them replaces the default one.
     */
    @Bean
    OAuth2TokenValidator<Jwt> accessTokenTypeValidator() {
        return new JwtTypeValidator("at+jwt", "application/at+jwt");
    }

    /**
     * Authorities from both claims Portcullis sets: {@code scope} (space-separated) as
     * {@code SCOPE_x}, Spring's convention, and {@code roles} (a JSON array) as {@code ROLE_x}, so
     * {@code hasRole("admin")} works.
     */
    @Bean
    JwtAuthenticationConverter jwtAuthenticationConverter() {
        JwtGrantedAuthoritiesConverter scopes = new JwtGrantedAuthoritiesConverter();
        JwtGrantedAuthoritiesConverter roles = new JwtGrantedAuthoritiesConverter();
        roles.setAuthoritiesClaimName("roles");
        roles.setAuthorityPrefix("ROLE_");
        JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(new DelegatingJwtGrantedAuthoritiesConverter(scopes, roles));
        return converter;
    }

    @Bean
    SecurityFilterChain api(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(requests -> requests
                        .requestMatchers("/reports").hasAuthority("SCOPE_reports:read")
                        .requestMatchers("/admin/**").hasRole("admin")
                        .anyRequest().authenticated())
                .oauth2ResourceServer(server -> server.jwt(Customizer.withDefaults()))
                // Bearer tokens only: no session, no cookies, so no CSRF to defend against.
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable());
        return http.build();
    }
}
