package dev.portcullis.web;


import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import org.springframework.security.web.header.HeaderWriterFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.header.writers.StaticHeadersWriter;
import org.springframework.web.filter.CorsFilter;

import dev.portcullis.config.PublicUrls;
import dev.portcullis.shared.ErrorCode;
import dev.portcullis.shared.SecretTokens;

/**
 * The one security filter chain. Everything that applies to every request lives here, not in
 * controllers: headers (WEB-3, WEB-4), CORS (WEB-5), CSRF (WEB-2), body limits, and problem+json
 * for Spring Security's own 401/403 (ERR-1). Portcullis keeps no HTTP session: browser state lives
 * in signed or hashed cookies the feature modules own.
 */
// Only with a web server: the admin CLI (ADM-2) starts the same application without one.
@ConditionalOnWebApplication
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    static final String CSRF_COOKIE = CsrfRequirement.COOKIE_PREFIX + "csrf";
    static final String CSRF_HEADER = "X-CSRF-TOKEN";
    static final String CSRF_PARAMETER = "_csrf";
    /** WEB-4: camera, microphone, location and the like are never needed by an auth UI. */
    static final String PERMISSIONS_POLICY = "accelerometer=(), autoplay=(), camera=(), display-capture=(), "
            + "geolocation=(), gyroscope=(), magnetometer=(), microphone=(), midi=(), payment=(), usb=(), "
            + "xr-spatial-tracking=(), publickey-credentials-get=(self)";

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http, ProblemWriter problems, WebProperties web,
            CorsProperties cors, PublicUrls urls, SecretTokens tokens, RequestAuthenticator authenticator,
            ObjectProvider<ContentSecurityPolicySources> cspSources) throws Exception {
        http
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .cors(AbstractHttpConfigurer::disable)
                .addFilterAt(new CorsPolicyFilter(cors, urls, problems), CorsFilter.class)
                .addFilterAfter(new BodySizeLimitFilter(web, problems), HeaderWriterFilter.class)
                .addFilterAfter(new MetricsAccessFilter(web, problems), BodySizeLimitFilter.class)
                .addFilterBefore(new AuthenticationFilter(authenticator, problems), AuthorizationFilter.class)
                .csrf(csrf -> csrf
                        .csrfTokenRepository(new CsrfTokens(csrfCookies(), tokens))
                        .csrfTokenRequestHandler(new CsrfTokenHandler())
                        .requireCsrfProtectionMatcher(new CsrfRequirement()))
                .headers(headers -> headers
                        .frameOptions(frame -> frame.deny())
                        .httpStrictTransportSecurity(hsts -> hsts.maxAgeInSeconds(31_536_000)
                                .includeSubDomains(true).preload(true))
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN))
                        .addHeaderWriter(new ContentSecurityPolicy(cspSources.orderedStream().toList()))
                        .addHeaderWriter(new StaticHeadersWriter("Permissions-Policy", PERMISSIONS_POLICY))
                        .addHeaderWriter(new StaticHeadersWriter("Cross-Origin-Opener-Policy", "same-origin")))
                .exceptionHandling(errors -> errors
                        .authenticationEntryPoint((request, response, e) -> {
                            response.setHeader("WWW-Authenticate", "Bearer");
                            problems.write(request, response, ErrorCode.UNAUTHORIZED, 401, "Authentication is required.");
                        })
                        .accessDeniedHandler((request, response, e) -> problems.write(request, response,
                                ExceptionProblems.toProblem(e))))
                // ADM-1: who may call a route is decided per handler by its @RouteAccess declaration, in the
                // access module's one check (deny by default). This layer only insists on credentials for
                // the account and admin APIs, as a second line; a path without a handler is a 404 problem.
                .authorizeHttpRequests(routes -> routes
                        .requestMatchers("/api/v1/me", "/api/v1/me/**", "/api/v1/auth/logout-all", "/api/v1/admin/**")
                        .authenticated()
                        .anyRequest().permitAll());
        return http.build();
    }

    /** Spring's strict firewall with the same rules, checked without a regular expression for ASCII. */
    @Bean
    HttpFirewall httpFirewall() {
        return FirewallCharacterChecks.install(new StrictHttpFirewall());
    }

    /** Requests the firewall refuses (path traversal, ;jsessionid, encoded slashes): 400 problem. */
    @Bean
    RequestRejectedHandler requestRejectedHandler(ProblemWriter problems) {
        return (request, response, e) -> problems.write(request, response, ErrorCode.BAD_REQUEST, 400,
                "The request was rejected.");
    }

    /**
     * Double-submit token in a {@code __Host-} cookie (no Domain, Path=/, Secure: subdomains cannot
     * plant one), HttpOnly because pages read the token from {@code <meta name="csrf-token">}, not
     * from the cookie; the Xor handler masks the token per response against BREACH.
     */
    private static CookieCsrfTokenRepository csrfCookies() {
        CookieCsrfTokenRepository repository = new CookieCsrfTokenRepository();
        repository.setCookieName(CSRF_COOKIE);
        repository.setHeaderName(CSRF_HEADER);
        repository.setParameterName(CSRF_PARAMETER);
        repository.setCookiePath("/");
        repository.setCookieCustomizer(cookie -> cookie.secure(true).httpOnly(true).sameSite("Strict"));
        return repository;
    }
}
