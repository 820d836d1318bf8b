package dev.portcullis.identity;

import java.util.Objects;

/**
 * What the per-request guard needs to know about an account (LOG-1): read with one primary-key
 * lookup by {@link Users#statusOf}.
 */
public record UserStatusSnapshot(UserStatus status, boolean emailVerified) {

    public UserStatusSnapshot {
        Objects.requireNonNull(status, "status");
    }

    /** Active and verified: the only state in which sign-in and authenticated requests are allowed. */
    public boolean mayAuthenticate() {
        return status == UserStatus.ACTIVE && emailVerified;
    }
}
