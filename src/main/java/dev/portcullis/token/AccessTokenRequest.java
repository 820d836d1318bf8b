package dev.portcullis.token;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What an access token says about its holder (TOK-1, RFC 9068 section 2.2).
 *
 * @param subject the user id (sub)
 * @param sessionId the session the token belongs to (sid); revoking the session kills the token
 * @param roles the user's roles (roles)
 * @param scopes granted scopes, sent space-separated (scope)
 * @param amr authentication methods used at sign-in, e.g. pwd, otp (RFC 8176)
 * @param authTime when the user authenticated (auth_time)
 */
public record AccessTokenRequest(String subject, String sessionId, List<String> roles, List<String> scopes,
        List<String> amr, Instant authTime) {

    public AccessTokenRequest {
        requireText(subject, "subject");
        requireText(sessionId, "sessionId");
        Objects.requireNonNull(authTime, "authTime");
        roles = roles == null ? List.of() : List.copyOf(roles);
        scopes = scopes == null ? List.of() : List.copyOf(scopes);
        amr = amr == null ? List.of() : List.copyOf(amr);
        for (String scope : scopes) {
            if (scope.isEmpty() || scope.chars().anyMatch(c -> c <= ' ' || c == '"' || c == '\\' || c > '~')) {
                // RFC 6749 section 3.3: scope-token = 1*( %x21 / %x23-5B / %x5D-7E )
                throw new IllegalArgumentException("invalid scope: " + scope);
            }
        }
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is required");
        }
    }
}
