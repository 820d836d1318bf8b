package dev.portcullis.mfa;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** mfa_challenge: explicit SQL that runs on H2 and PostgreSQL. */
@Repository
class ChallengeRepository {

    /** @param firstFactor the RFC 8176 method of the first step: {@code pwd}, or {@code fed} after a provider sign-in */
    record ChallengeRow(String userId, boolean rememberMe, String firstFactor) {
    }

    private final JdbcClient jdbc;

    ChallengeRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(String tokenHash, String userId, boolean rememberMe, String firstFactor, Instant now,
            Instant expiresAt) {
        jdbc.sql("INSERT INTO mfa_challenge (token_hash, user_id, remember_me, first_factor, created_at, expires_at, "
                + "used_at) VALUES (:hash, :user, :remember, :first, :now, :expires, NULL)")
                .param("hash", tokenHash).param("user", userId).param("remember", rememberMe).param("first", firstFactor)
                .param("now", Timestamp.from(now)).param("expires", Timestamp.from(expiresAt)).update();
    }

    /** The open (unused, unexpired) challenge with this hash. */
    Optional<ChallengeRow> findOpen(String tokenHash, Instant now) {
        return jdbc.sql("SELECT user_id, remember_me, first_factor FROM mfa_challenge WHERE token_hash = :hash AND used_at IS NULL "
                + "AND expires_at > :now")
                .param("hash", tokenHash).param("now", Timestamp.from(now))
                .query((rs, n) -> new ChallengeRow(rs.getString("user_id"), rs.getBoolean("remember_me"),
                        rs.getString("first_factor")))
                .optional();
    }

    /** Single use: true for exactly one caller, and only while the challenge is open. */
    boolean markUsed(String tokenHash, Instant now) {
        return jdbc.sql("UPDATE mfa_challenge SET used_at = :now WHERE token_hash = :hash AND used_at IS NULL "
                + "AND expires_at > :now")
                .param("now", Timestamp.from(now)).param("hash", tokenHash).update() == 1;
    }

    /** OPS-5: challenges past their lifetime are useless; the purge job removes them. */
    int purgeExpiredBefore(Instant before) {
        return jdbc.sql("DELETE FROM mfa_challenge WHERE expires_at < :before").param("before", Timestamp.from(before))
                .update();
    }
}
