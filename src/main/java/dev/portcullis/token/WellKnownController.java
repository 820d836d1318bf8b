package dev.portcullis.token;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.portcullis.config.PublicUrls;
import dev.portcullis.shared.RouteAccess;

/**
 * TOK-1, TOK-7: what a resource server needs to verify access tokens on its own. Both documents are
 * public and cacheable on purpose (every other response is {@code no-store}; Spring Security's
 * header writer leaves a Cache-Control a handler set alone).
 */
@RouteAccess(RouteAccess.PUBLIC)
@RestController
class WellKnownController {

    static final String JWKS_PATH = "/.well-known/jwks.json";
    static final String DISCOVERY_PATH = "/.well-known/openid-configuration";
    static final String INTROSPECTION_PATH = "/api/v1/auth/introspect";
    /**
     * Short, because a new key signs at once after a rotation: a resource server or proxy holding an
     * older copy must not refuse the new kid for long (good clients re-fetch on an unknown kid anyway).
     */
    private static final CacheControl JWKS_CACHE = CacheControl.maxAge(Duration.ofSeconds(60)).cachePublic();
    private static final CacheControl DISCOVERY_CACHE = CacheControl.maxAge(Duration.ofMinutes(5)).cachePublic();

    private final SigningKeys keys;
    private final PublicUrls urls;

    WellKnownController(SigningKeys keys, PublicUrls urls) {
        this.keys = keys;
        this.urls = urls;
    }

    /** RFC 7517 section 5: every published key, public members only, each with kid, alg and use=sig. */
    @GetMapping(path = JWKS_PATH, produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> jwks() {
        return ResponseEntity.ok().cacheControl(JWKS_CACHE).body(keys.publicJwks().toJSONObject(true));
    }

    /**
     * RFC 8414 / OpenID Connect Discovery 1.0 fields that are true of Portcullis. There is no
     * authorization or token endpoint (sign-in is Portcullis' own API), so none is advertised.
     * Portcullis issues no ID tokens: {@code id_token_signing_alg_values_supported} lists the
     * algorithms of the published keys because it is the registered field OIDC libraries read.
     */
    @GetMapping(path = DISCOVERY_PATH, produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> discovery() {
        List<String> algorithms = keys.publishedAlgorithms().stream().map(SigningAlgorithm::wireName).toList();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("issuer", urls.issuer());
        body.put("jwks_uri", urls.link(JWKS_PATH).toString());
        body.put("introspection_endpoint", urls.link(INTROSPECTION_PATH).toString());
        body.put("subject_types_supported", List.of("public"));
        body.put("id_token_signing_alg_values_supported", algorithms);
        body.put("claims_supported", List.of("iss", "sub", "aud", "client_id", "exp", "iat", "nbf", "jti", "sid",
                "roles", "scope", "amr", "auth_time"));
        return ResponseEntity.ok().cacheControl(DISCOVERY_CACHE).body(body);
    }
}
