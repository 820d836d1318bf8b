package dev.portcullis.identity;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

import dev.portcullis.shared.EmailAddress;

/**
 * Everything stored about an account (ACC-5), as read by {@link Users}. Immutable; a change goes
 * through {@link Users} or one of the account services and is read back.
 *
 * @param id 128-bit random id (PWD-4)
 * @param email the normalised address; {@code email.key()} is the unique lower-cased form
 * @param emailVerifiedAt when the address was confirmed, or null
 * @param passwordHash the stored hash ({@code {argon2id}…}, or an imported bcrypt/argon2 hash); never log it.
 *        Null for an account created by a provider sign-in that has no password yet (OAU-4).
 * @param displayName at most 50 code points, or null
 * @param roles at least {@code user}
 * @param locale the language mail is written in
 * @param lockedUntil sign-in refused until then (LOG-3), or null
 */
public record UserAccount(String id, EmailAddress email, Instant emailVerifiedAt, String passwordHash,
        String displayName, UserStatus status, Set<String> roles, Locale locale, Instant createdAt, Instant updatedAt,
        int failedLoginCount, Instant lastFailedLoginAt, Instant lockedUntil, Instant lastLoginAt) {

    public UserAccount {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(locale, "locale");
        roles = Set.copyOf(roles);
    }

    public boolean emailVerified() {
        return emailVerifiedAt != null;
    }

    /** Whether the account can sign in with a password (OAU-4: otherwise only through a linked identity). */
    public boolean hasPassword() {
        return passwordHash != null;
    }

    public boolean isActive() {
        return status == UserStatus.ACTIVE;
    }

    /** Whether a lockout is in force at {@code now} (LOG-3). */
    public boolean lockedAt(Instant now) {
        return lockedUntil != null && now.isBefore(lockedUntil);
    }

    public UserStatusSnapshot statusSnapshot() {
        return new UserStatusSnapshot(status, emailVerified());
    }

    /** Without the password hash, so an account can be logged or printed in a test failure safely. */
    @Override
    public String toString() {
        return "UserAccount[id=" + id + ", status=" + status + ", emailVerified=" + emailVerified() + ", roles="
                + roles + "]";
    }
}
