package dev.portcullis.session;

import java.time.Duration;
import java.time.Instant;

/**
 * A refresh token handed to a client once (only its hash is stored), with the session it belongs
 * to. {@code authTime} is when the user signed in, for the access token's auth_time claim.
 */
public record IssuedRefreshToken(String sessionId, String userId, String refreshToken, Duration expiresIn,
        boolean rememberMe, Instant authTime) {

    @Override
    public String toString() {
        return "IssuedRefreshToken[sessionId=" + sessionId + ", userId=" + userId + ", refreshToken=******]";
    }
}
