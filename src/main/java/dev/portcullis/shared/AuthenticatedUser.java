package dev.portcullis.shared;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * The caller of an authenticated request, as established by the one central guard (LOG-1): the
 * access token was valid, its session is live and the account may be used. Controllers receive it
 * with {@code @AuthenticationPrincipal} and never re-check any of that.
 *
 * @param sessionId the session the access token belongs to (TOK-5 "current" flag, logout); null for an API key
 * @param roles the user's roles; for an API key, its owner's current roles
 * @param scopes the token's scopes; for an API key, the key's scopes (KEY-2)
 * @param amr how the user signed in (RFC 8176), and {@code authTime} when: the step-up rule reads them.
 *        Empty and null for an API key: a key never counts as a recent sign-in.
 * @param apiKeyId the API key that authenticated the request, or null for a session's access token
 */
public record AuthenticatedUser(String userId, String sessionId, Set<String> roles, Set<String> scopes,
        List<String> amr, Instant authTime, String apiKeyId) {

    /**
     * RFC 8176 methods that mean a second factor took part: "otp" (TOTP), "mfa" (a recovery code),
     * "hwk"/"swk" (passkeys, later).
     */
    public static final Set<String> SECOND_FACTOR_AMR = Set.of("otp", "mfa", "hwk", "swk");

    public AuthenticatedUser {
        roles = Set.copyOf(roles);
        scopes = Set.copyOf(scopes);
        amr = List.copyOf(amr);
    }

    /** KEY-2: whether an API key, not a signed-in session, made this request. */
    public boolean viaApiKey() {
        return apiKeyId != null;
    }

    /** MFA-6: whether this session was established with a second factor. */
    public boolean multiFactor() {
        return amr.stream().anyMatch(SECOND_FACTOR_AMR::contains);
    }
}
