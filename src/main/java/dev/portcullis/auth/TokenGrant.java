package dev.portcullis.auth;

import java.time.Instant;

/**
 * One access token and one refresh token for one session, as handed out by login, refresh and (later)
 * MFA and social login.
 */
record TokenGrant(String accessToken, long expiresIn, String refreshToken, long refreshExpiresIn, boolean rememberMe,
        String sessionId, Instant accessExpiresAt) {

    @Override
    public String toString() {
        return "TokenGrant[sessionId=" + sessionId + ", expiresIn=" + expiresIn + ", tokens=******]";
    }
}
