package dev.portcullis.shared;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * The caller of an authenticated request, as established by the one central guard (LOG-1): the
 * access token was valid, its session is live and the account may be used. Controllers receive it
 * with {@code @AuthenticationPrincipal} and never re-check any of that.
 *
 * @param sessionId the session the access token belongs to (TOK-5 "current" flag, logout)
 * @param amr how the user signed in (RFC 8176), and {@code authTime} when: the step-up rule reads them
 */
public record AuthenticatedUser(String userId, String sessionId, Set<String> roles, Set<String> scopes,
        List<String> amr, Instant authTime) {

    public AuthenticatedUser {
        roles = Set.copyOf(roles);
        scopes = Set.copyOf(scopes);
        amr = List.copyOf(amr);
    }
}
