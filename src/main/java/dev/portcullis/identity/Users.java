package dev.portcullis.identity;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import dev.portcullis.shared.EmailAddress;
import dev.portcullis.shared.SecretTokens;

/**
 * The accounts (ACC-5): the identity module's API for reading users and for the writes the login
 * flow makes. Explicit SQL over {@code users} and {@code user_role}; it joins the caller's
 * transaction when there is one. Changes that need a proof (a token, the current password) go
 * through the account services ({@link Registration}, {@link PasswordReset}, {@link PasswordChange},
 * {@link EmailChange}, {@link ProfileChange}), never through here.
 */
@Component
public class Users {

    /** Every account has this role from sign-up on. */
    public static final String DEFAULT_ROLE = "user";
    /** 128 bits (PWD-4). */
    static final int ID_BYTES = 16;
    private static final String COLUMNS = "id, email, email_verified_at, password_hash, display_name, status, locale, "
            + "created_at, updated_at, failed_login_count, last_failed_login_at, locked_until, last_login_at";
    private static final String QUALIFIED_COLUMNS = "u." + COLUMNS.replace(", ", ", u.");

    private final JdbcClient jdbc;
    private final SecretTokens tokens;
    private final Clock clock;

    Users(JdbcClient jdbc, SecretTokens tokens, Clock clock) {
        this.jdbc = jdbc;
        this.tokens = tokens;
        this.clock = clock;
    }

    /** The account with this address, compared case-insensitively (ACC-4). */
    public Optional<UserAccount> findByEmail(EmailAddress email) {
        return findWithRoles("u.email_key = :value", email.key());
    }

    public Optional<UserAccount> findById(String userId) {
        if (userId == null) {
            return Optional.empty();
        }
        return findWithRoles("u.id = :value", userId);
    }

    /**
     * The account and its roles in one round trip (a row per role): login, refresh and
     * {@code GET /api/v1/me} all read an account, and a second query per request was a measurable
     * share of the database's CPU under load (docs/benchmarks.md).
     */
    private Optional<UserAccount> findWithRoles(String condition, String value) {
        return jdbc.sql("SELECT " + QUALIFIED_COLUMNS + ", r.role FROM users u LEFT JOIN user_role r ON r.user_id = u.id"
                + " WHERE " + condition).param("value", value).query((ResultSet rs) -> {
                    if (!rs.next()) {
                        return Optional.<UserAccount>empty();
                    }
                    UserAccount account = row(rs, 0);
                    Set<String> roles = new HashSet<>();
                    do {
                        String role = rs.getString("role");
                        if (role != null) {
                            roles.add(role);
                        }
                    } while (rs.next());
                    return Optional.of(withRoles(account, roles));
                });
    }

    /**
     * LOG-1: status and verification in one primary-key lookup, for the guard that runs on every
     * authenticated request. Empty when the account does not exist (any more).
     */
    public Optional<UserStatusSnapshot> statusOf(String userId) {
        if (userId == null) {
            return Optional.empty();
        }
        return jdbc.sql("SELECT status, email_verified_at FROM users WHERE id = :id").param("id", userId)
                .query((rs, n) -> new UserStatusSnapshot(UserStatus.fromColumn(rs.getString("status")),
                        rs.getObject("email_verified_at", OffsetDateTime.class) != null))
                .optional();
    }

    /** The account's roles (ADM-1), in one indexed lookup; empty for an unknown account. */
    public Set<String> rolesOf(String userId) {
        return new HashSet<>(jdbc.sql("SELECT role FROM user_role WHERE user_id = :id").param("id", userId)
                .query(String.class).list());
    }

    /** PWD-1: stores the re-hash of a password that just verified with an outdated hash. */
    public void updatePasswordHash(String userId, String hash) {
        requireHash(hash);
        jdbc.sql("UPDATE users SET password_hash = :hash, updated_at = :now WHERE id = :id")
                .param("hash", hash).param("now", utc(clock.instant())).param("id", userId).update();
    }

    /** LOG-3: a successful sign-in resets the failure counter and any lockout. */
    public void recordSuccessfulLogin(String userId, Instant at) {
        jdbc.sql("UPDATE users SET failed_login_count = 0, locked_until = NULL, last_login_at = :at WHERE id = :id")
                .param("at", utc(at)).param("id", userId).update();
    }

    /**
     * LOG-3: counts one more consecutive failure, atomically (concurrent failures all count).
     *
     * @return the count after this failure (0 when the account does not exist)
     */
    public int recordFailedLogin(String userId, Instant at) {
        jdbc.sql("UPDATE users SET failed_login_count = failed_login_count + 1, last_failed_login_at = :at "
                + "WHERE id = :id").param("at", utc(at)).param("id", userId).update();
        return jdbc.sql("SELECT failed_login_count FROM users WHERE id = :id").param("id", userId)
                .query(Integer.class).optional().orElse(0);
    }

    /** LOG-3: refuses sign-in until {@code until} (null lifts the lock; the counter stays). */
    public void lockUntil(String userId, Instant until) {
        jdbc.sql("UPDATE users SET locked_until = :until WHERE id = :id")
                .param("until", until == null ? null : utc(until)).param("id", userId).update();
    }

    /** LOG-3 (admin unlock) and RST-2: no failures counted, no lock. */
    public void clearLockout(String userId) {
        jdbc.sql("UPDATE users SET failed_login_count = 0, locked_until = NULL WHERE id = :id")
                .param("id", userId).update();
    }

    /**
     * Creates an active, unverified account with the role {@value #DEFAULT_ROLE}.
     *
     * @return the new id
     * @throws DuplicateKeyException when the address is taken (also by a concurrent sign-up)
     */
    String create(EmailAddress email, String passwordHash, String displayName, Locale locale, Instant now) {
        requireHash(passwordHash);
        String id = tokens.newToken(ID_BYTES);
        jdbc.sql("INSERT INTO users (id, email, email_key, password_hash, display_name, status, locale, created_at, "
                + "updated_at, failed_login_count) VALUES (:id, :email, :key, :hash, :name, :status, :locale, :now, :now, 0)")
                .param("id", id).param("email", email.value()).param("key", email.key()).param("hash", passwordHash)
                .param("name", displayName).param("status", UserStatus.ACTIVE.column())
                .param("locale", locale.toLanguageTag()).param("now", utc(now)).update();
        jdbc.sql("INSERT INTO user_role (user_id, role) VALUES (:id, :role)").param("id", id).param("role", DEFAULT_ROLE)
                .update();
        return id;
    }

    /**
     * ADM-2: moves the account from one status to another, only if it is in {@code from}.
     *
     * @return whether this call changed it
     */
    boolean changeStatus(String userId, UserStatus from, UserStatus to, Instant now) {
        return jdbc.sql("UPDATE users SET status = :to, updated_at = :now WHERE id = :id AND status = :from")
                .param("to", to.column()).param("from", from.column()).param("now", utc(now)).param("id", userId)
                .update() == 1;
    }

    /** ADM-1: replaces the account's roles (every name must be in the role catalogue: a foreign key). */
    void replaceRoles(String userId, Set<String> roles) {
        jdbc.sql("DELETE FROM user_role WHERE user_id = :id").param("id", userId).update();
        for (String role : roles) {
            jdbc.sql("INSERT INTO user_role (user_id, role) VALUES (:id, :role)").param("id", userId).param("role", role)
                    .update();
        }
    }

    /**
     * ADM-3: the number of active accounts holding {@code role}, other than {@code exceptUserId}. Read
     * with a fresh statement after the role's lock was taken, so it sees every committed change.
     */
    int countActiveWithRole(String role, String exceptUserId) {
        return jdbc.sql("SELECT COUNT(*) FROM users u JOIN user_role r ON r.user_id = u.id "
                + "WHERE r.role = :role AND u.status = :active AND u.id <> :except")
                .param("role", role).param("active", UserStatus.ACTIVE.column()).param("except", exceptUserId)
                .query(Integer.class).single();
    }

    /**
     * OAU-4: an active account without a password whose address a provider asserted as verified
     * (the provider's {@code email_verified}, or GitHub's verified primary address), with the role
     * {@value #DEFAULT_ROLE}. It signs in through its linked identity; a password can be added with a reset.
     *
     * @return the new id
     * @throws DuplicateKeyException when the address is taken (also by a concurrent sign-up)
     */
    public String createVerifiedWithoutPassword(EmailAddress email, String displayName, Locale locale, Instant now) {
        String id = tokens.newToken(ID_BYTES);
        jdbc.sql("INSERT INTO users (id, email, email_key, email_verified_at, password_hash, display_name, status, "
                + "locale, created_at, updated_at, failed_login_count) VALUES (:id, :email, :key, :now, NULL, :name, "
                + ":status, :locale, :now, :now, 0)")
                .param("id", id).param("email", email.value()).param("key", email.key())
                .param("name", displayName).param("status", UserStatus.ACTIVE.column())
                .param("locale", locale.toLanguageTag()).param("now", utc(now)).update();
        jdbc.sql("INSERT INTO user_role (user_id, role) VALUES (:id, :role)").param("id", id).param("role", DEFAULT_ROLE)
                .update();
        return id;
    }

    /** @return whether this call verified it (false: unknown or already verified) */
    boolean markEmailVerified(String userId, Instant now) {
        return jdbc.sql("UPDATE users SET email_verified_at = :now, updated_at = :now "
                + "WHERE id = :id AND email_verified_at IS NULL").param("now", utc(now)).param("id", userId).update() == 1;
    }

    /** RST-2 / ACC-7: the new hash, lockout cleared; {@code verifyEmail} also confirms the address. */
    void setPassword(String userId, String hash, boolean verifyEmail, Instant now) {
        requireHash(hash);
        jdbc.sql("UPDATE users SET password_hash = :hash, failed_login_count = 0, locked_until = NULL, updated_at = :now"
                + (verifyEmail ? ", email_verified_at = COALESCE(email_verified_at, :now)" : "") + " WHERE id = :id")
                .param("hash", hash).param("now", utc(now)).param("id", userId).update();
    }

    /**
     * ACC-6: switches to a confirmed address (verified by the confirmation link).
     *
     * @throws DuplicateKeyException when another account took the address meanwhile
     */
    void changeEmail(String userId, EmailAddress email, Instant now) {
        jdbc.sql("UPDATE users SET email = :email, email_key = :key, email_verified_at = :now, updated_at = :now "
                + "WHERE id = :id").param("email", email.value()).param("key", email.key()).param("now", utc(now))
                .param("id", userId).update();
    }

    void updateDisplayName(String userId, String displayName, Instant now) {
        jdbc.sql("UPDATE users SET display_name = :name, updated_at = :now WHERE id = :id")
                .param("name", displayName).param("now", utc(now)).param("id", userId).update();
    }

    /**
     * ACC-8: soft-deletes an account at once; the row (and so the address) stays until the purge.
     * The owner may delete only an active account; an admin also a blocked or deactivated one.
     *
     * @return whether this call deleted it (false: unknown, or not in an allowed status)
     */
    boolean markDeleted(String userId, boolean activeOnly, Instant now) {
        return jdbc.sql("UPDATE users SET status = :deleted, deleted_at = :now, updated_at = :now WHERE id = :id AND "
                + (activeOnly ? "status = :active" : "status <> :deleted")).param("deleted", UserStatus.DELETED.column())
                .param("active", UserStatus.ACTIVE.column()).param("now", utc(now)).param("id", userId).update() == 1;
    }

    /** ACC-8: ids of accounts deleted before {@code cutoff}, oldest first, at most {@code limit}. */
    List<String> deletedBefore(Instant cutoff, int limit) {
        return jdbc.sql("SELECT id FROM users WHERE status = :deleted AND deleted_at < :cutoff "
                + "ORDER BY deleted_at, id LIMIT :limit").param("deleted", UserStatus.DELETED.column())
                .param("cutoff", utc(cutoff)).param("limit", limit).query(String.class).list();
    }

    /**
     * ACC-8: removes a deleted account whose grace period ended; {@code user_role} and
     * {@code account_token} rows go with it (ON DELETE CASCADE). Its address is free again.
     *
     * @return whether this call removed it (false: unknown, not deleted, or deleted too recently)
     */
    boolean purgeDeleted(String userId, Instant cutoff) {
        return jdbc.sql("DELETE FROM users WHERE id = :id AND status = :deleted AND deleted_at < :cutoff")
                .param("id", userId).param("deleted", UserStatus.DELETED.column()).param("cutoff", utc(cutoff))
                .update() == 1;
    }

    private static UserAccount withRoles(UserAccount account, Set<String> roles) {
        return new UserAccount(account.id(), account.email(), account.emailVerifiedAt(), account.passwordHash(),
                account.displayName(), account.status(), roles, account.locale(), account.createdAt(),
                account.updatedAt(), account.failedLoginCount(), account.lastFailedLoginAt(), account.lockedUntil(),
                account.lastLoginAt());
    }

    private UserAccount row(ResultSet rs, int n) throws SQLException {
        return new UserAccount(rs.getString("id"), EmailAddress.parse(rs.getString("email")),
                instant(rs, "email_verified_at"), rs.getString("password_hash"), rs.getString("display_name"),
                UserStatus.fromColumn(rs.getString("status")), Set.of(), Locale.forLanguageTag(rs.getString("locale")),
                instant(rs, "created_at"), instant(rs, "updated_at"), rs.getInt("failed_login_count"),
                instant(rs, "last_failed_login_at"), instant(rs, "locked_until"), instant(rs, "last_login_at"));
    }

    private static void requireHash(String hash) {
        if (hash == null || hash.isBlank() || hash.length() > 255) {
            throw new IllegalArgumentException("a password hash of 1..255 characters is required");
        }
    }

    static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
