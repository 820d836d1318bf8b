package dev.portcullis.session;

import java.util.List;

import java.time.Instant;

/** One row of user_session. */
record SessionRow(String id, String userId, Instant createdAt, Instant lastUsedAt, Instant absoluteExpiresAt,
        boolean rememberMe, String ip, String userAgent, Instant revokedAt, String revokedReason,
        List<String> amr) {

    boolean activeAt(Instant now) {
        return revokedAt == null && now.isBefore(absoluteExpiresAt);
    }
}
