package dev.portcullis.token;

import java.time.Instant;

/**
 * A freshly signed access token. The raw token is handed to the client once and never stored or
 * logged; {@link #toString()} leaves it out.
 *
 * @param token the compact JWS
 * @param expiresAt its exp claim
 * @param jti its unique id (128 random bits)
 */
public record IssuedAccessToken(String token, Instant expiresAt, String jti) {

    @Override
    public String toString() {
        return "IssuedAccessToken[jti=" + jti + ", expiresAt=" + expiresAt + "]";
    }
}
