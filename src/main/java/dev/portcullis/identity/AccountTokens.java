package dev.portcullis.identity;

import static dev.portcullis.identity.Users.instant;
import static dev.portcullis.identity.Users.utc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.portcullis.shared.SecretTokens;

/**
 * Single-use tokens mailed to users (ACC-2, ACC-6, RST-1) in {@code account_token}. The raw token
 * is returned once by {@link #issue} and never stored: rows hold its SHA-256 (PWD-4). Lookup is by
 * that hash (an index lookup on a value the attacker cannot choose to collide), so no timing
 * difference reveals a near miss.
 */
@Repository
class AccountTokens {

    /** Longer input is no token we issued: refused before hashing. */
    static final int MAX_TOKEN_LENGTH = 128;

    /** A token row: who it is for, what for, and its state. */
    record Row(String tokenHash, String userId, AccountTokenPurpose purpose, String newEmail, Instant createdAt,
            Instant expiresAt, Instant usedAt) {

        boolean usableAt(Instant now) {
            return usedAt == null && now.isBefore(expiresAt);
        }
    }

    private final JdbcClient jdbc;
    private final SecretTokens tokens;

    AccountTokens(JdbcClient jdbc, SecretTokens tokens) {
        this.jdbc = jdbc;
        this.tokens = tokens;
    }

    /** Stores a new token and returns the raw value (for the mail link only; never log it). */
    String issue(String userId, AccountTokenPurpose purpose, String newEmail, Instant now, Instant expiresAt) {
        String raw = tokens.newToken();
        jdbc.sql("INSERT INTO account_token (token_hash, user_id, purpose, new_email, created_at, expires_at) "
                + "VALUES (:hash, :user, :purpose, :email, :now, :expires)")
                .param("hash", SecretTokens.hash(raw)).param("user", userId).param("purpose", purpose.column())
                .param("email", newEmail).param("now", utc(now)).param("expires", utc(expiresAt)).update();
        return raw;
    }

    /** The unused, unexpired token of this purpose, if the raw value names one. */
    Optional<Row> findUsable(String raw, AccountTokenPurpose purpose, Instant now) {
        if (!plausible(raw)) {
            return Optional.empty();
        }
        return jdbc.sql("SELECT token_hash, user_id, purpose, new_email, created_at, expires_at, used_at "
                + "FROM account_token WHERE token_hash = :hash AND purpose = :purpose")
                .param("hash", SecretTokens.hash(raw)).param("purpose", purpose.column())
                .query(AccountTokens::row).optional().filter(row -> row.usableAt(now));
    }

    /**
     * Marks the token used if it still is usable: one conditional UPDATE, so of any number of
     * concurrent calls for one token exactly one returns true.
     */
    boolean consume(String tokenHash, Instant now) {
        return jdbc.sql("UPDATE account_token SET used_at = :now "
                + "WHERE token_hash = :hash AND used_at IS NULL AND expires_at > :now")
                .param("now", utc(now)).param("hash", tokenHash).update() == 1;
    }

    /** Ends every unused token of this purpose for the user (a newer one replaces them, or the reason is gone). */
    int invalidateAll(String userId, AccountTokenPurpose purpose, Instant now) {
        return jdbc.sql("UPDATE account_token SET used_at = :now "
                + "WHERE user_id = :user AND purpose = :purpose AND used_at IS NULL")
                .param("now", utc(now)).param("user", userId).param("purpose", purpose.column()).update();
    }

    /** How many tokens of this purpose were issued to the user since {@code since} (ACC-3 limits). */
    int countIssuedSince(String userId, AccountTokenPurpose purpose, Instant since) {
        return jdbc.sql("SELECT COUNT(*) FROM account_token WHERE user_id = :user AND purpose = :purpose "
                + "AND created_at >= :since")
                .param("user", userId).param("purpose", purpose.column()).param("since", utc(since))
                .query(Integer.class).single();
    }

    /** When the user's newest token of this purpose was issued. */
    Optional<Instant> lastIssued(String userId, AccountTokenPurpose purpose) {
        return jdbc.sql("SELECT MAX(created_at) AS last FROM account_token WHERE user_id = :user AND purpose = :purpose")
                .param("user", userId).param("purpose", purpose.column())
                .query((rs, n) -> Optional.ofNullable(instant(rs, "last"))).single();
    }

    /**
     * OPS-5: deletes tokens that expired or were used before {@code before}. The caller keeps at
     * least a day of them: the ACC-3 resend limits count the tokens issued in the last 24 hours.
     */
    int purgeSpentBefore(Instant before) {
        return jdbc.sql("DELETE FROM account_token WHERE expires_at < :before OR used_at < :before")
                .param("before", utc(before)).update();
    }

    /** ACC-8: ends every unused token of the user, whatever its purpose. */
    int invalidateAllOf(String userId, Instant now) {
        return jdbc.sql("UPDATE account_token SET used_at = :now WHERE user_id = :user AND used_at IS NULL")
                .param("now", utc(now)).param("user", userId).update();
    }

    /** ACC-8 export: the user's unused, unexpired tokens, oldest first (rows carry the hash: never show it). */
    List<Row> pendingOf(String userId, Instant now) {
        return jdbc.sql("SELECT token_hash, user_id, purpose, new_email, created_at, expires_at, used_at "
                + "FROM account_token WHERE user_id = :user AND used_at IS NULL AND expires_at > :now "
                + "ORDER BY created_at, token_hash")
                .param("user", userId).param("now", utc(now)).query(AccountTokens::row).list();
    }

    private static boolean plausible(String raw) {
        return raw != null && !raw.isEmpty() && raw.length() <= MAX_TOKEN_LENGTH;
    }

    private static Row row(ResultSet rs, int n) throws SQLException {
        return new Row(rs.getString("token_hash"), rs.getString("user_id"),
                AccountTokenPurpose.valueOf(rs.getString("purpose").toUpperCase(java.util.Locale.ROOT)),
                rs.getString("new_email"), instant(rs, "created_at"), instant(rs, "expires_at"), instant(rs, "used_at"));
    }
}
