package dev.portcullis.session;

import java.util.List;

import java.time.Duration;
import java.time.Instant;

/**
 * A refresh token handed to a client once (only its hash is stored), with the session it belongs
 * to. {@code authTime} is when the user signed in and {@code amr} how (RFC 8176 values such as
 * "pwd", "otp"), for the access token's auth_time and amr claims.
 */
public record IssuedRefreshToken(String sessionId, String userId, String refreshToken, Duration expiresIn,
        boolean rememberMe, Instant authTime, List<String> amr) {

    @Override
    public String toString() {
        return "IssuedRefreshToken[sessionId=" + sessionId + ", userId=" + userId + ", refreshToken=******]";
    }
}
