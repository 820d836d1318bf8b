package dev.portcullis.identity;

import java.time.Instant;
import java.util.List;

/** ADM-2: an account as the admin API and CLI show it (never the password hash). */
public record AdminUser(String id, String email, boolean emailVerified, String displayName, List<String> roles,
        String status, boolean mfaEnabled, Instant createdAt, Instant lastLoginAt, Instant lockedUntil) {

    public AdminUser {
        roles = List.copyOf(roles);
    }
}
