package dev.portcullis.identity;

import java.util.Locale;

/**
 * ACC-5: the lifecycle of an account. Only {@link #ACTIVE} accounts may sign in or use a session
 * (LOG-1); the others are refused at login and by the request guard.
 */
public enum UserStatus {
    ACTIVE,
    /** Blocked by an admin (ADM); unblocking makes it active again. */
    BLOCKED,
    /** Switched off by the user or an admin, data kept. */
    DEACTIVATED,
    /** Soft-deleted (ACC-8): refused everywhere, personal data purged after the grace period. */
    DELETED;

    /** The value stored in {@code users.status}. */
    public String column() {
        return name().toLowerCase(Locale.ROOT);
    }

    static UserStatus fromColumn(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
