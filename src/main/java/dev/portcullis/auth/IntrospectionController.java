package dev.portcullis.auth;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.portcullis.shared.RouteAccess;
import dev.portcullis.token.AccessTokens;
import dev.portcullis.token.VerifiedAccessToken;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * TOK-7: RFC 7662 token introspection for resource servers that would rather ask than verify JWTs
 * themselves. The caller is a resource server holding an API key with {@code tokens:introspect}
 * (RFC 7662 section 2.1: the endpoint must be protected, or it becomes a token-scanning oracle).
 * A token is active only when it verifies, its session is live and its account may be used — the
 * same rule as the request guard — so a logout or block shows at once. Every other token, whatever
 * the reason, is just {@code {"active":false}} (section 2.2: no reason is given).
 */
@RouteAccess("tokens:introspect")
@RestController
class IntrospectionController {

    static final String PATH = "/api/v1/auth/introspect";
    /** Longer than any token Portcullis issues; the guard's own limit (API.md). */
    private static final int MAX_TOKEN_CHARS = 4096;
    private static final CacheControl NO_STORE = CacheControl.noStore();

    record IntrospectionRequest(@NotNull @Size(max = MAX_TOKEN_CHARS) String token, @Size(max = 64) String tokenTypeHint) {

        @Override
        public String toString() {
            return "IntrospectionRequest[token=******]";
        }
    }

    private final AccessGuard guard;
    private final AccessTokens accessTokens;

    IntrospectionController(AccessGuard guard, AccessTokens accessTokens) {
        this.guard = guard;
        this.accessTokens = accessTokens;
    }

    /** RFC 7662 section 2.1: the standard form-encoded request. */
    @PostMapping(path = PATH, consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    ResponseEntity<Map<String, Object>> introspectForm(@RequestParam("token") String token,
            @RequestParam(name = "token_type_hint", required = false) String tokenTypeHint) {
        if (token.length() > MAX_TOKEN_CHARS) {
            return answer(inactive());
        }
        return answer(introspect(token));
    }

    /** The same as JSON, for clients that send everything as JSON (API.md). */
    @PostMapping(path = PATH, consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> introspectJson(@Valid @RequestBody IntrospectionRequest body) {
        return answer(introspect(body.token()));
    }

    private Map<String, Object> introspect(String token) {
        Optional<VerifiedAccessToken> active = guard.active(token);
        if (active.isEmpty()) {
            return inactive();
        }
        VerifiedAccessToken verified = active.get();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("active", true);
        body.put("token_type", "Bearer");
        body.put("sub", verified.subject());
        body.put("client_id", accessTokens.clientId());
        body.put("iss", accessTokens.issuer());
        body.put("aud", accessTokens.audiences());
        body.put("exp", verified.expiresAt().getEpochSecond());
        if (verified.issuedAt() != null) {
            body.put("iat", verified.issuedAt().getEpochSecond());
        }
        body.put("jti", verified.jti());
        body.put("sid", verified.sessionId());
        body.put("roles", verified.roles());
        if (!verified.scopes().isEmpty()) {
            body.put("scope", String.join(" ", verified.scopes()));
        }
        if (!verified.amr().isEmpty()) {
            body.put("amr", verified.amr());
        }
        if (verified.authTime() != null) {
            body.put("auth_time", verified.authTime().getEpochSecond());
        }
        return body;
    }

    private static Map<String, Object> inactive() {
        return Map.of("active", false);
    }

    /** Section 2.2: the answer is about a credential, so no cache may keep it. */
    private static ResponseEntity<Map<String, Object>> answer(Map<String, Object> body) {
        return ResponseEntity.ok().cacheControl(NO_STORE).header("Pragma", "no-cache").body(body);
    }
}
