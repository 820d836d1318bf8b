package dev.portcullis.token;

import java.time.Instant;
import java.util.List;

/**
 * The claims of an access token whose signature, issuer, audience, type and times were all checked
 * (TOK-2); {@code issuedAt} is null for a token without {@code iat}. Whether its session is still active is the caller's question (TOK-4).
 */
public record VerifiedAccessToken(String subject, String sessionId, String jti, List<String> roles,
        List<String> scopes, List<String> amr, Instant authTime, Instant issuedAt, Instant expiresAt) {

    public VerifiedAccessToken {
        roles = List.copyOf(roles);
        scopes = List.copyOf(scopes);
        amr = List.copyOf(amr);
    }
}
