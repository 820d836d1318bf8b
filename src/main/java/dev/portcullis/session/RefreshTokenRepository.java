package dev.portcullis.session;

import static dev.portcullis.session.SessionRepository.instant;
import static dev.portcullis.session.SessionRepository.ts;

import java.time.Instant;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** refresh_token: only SHA-256 hashes are stored (STYLE 6). */
@Repository
class RefreshTokenRepository {

    record Row(String tokenHash, String sessionId, Instant issuedAt, Instant expiresAt, Instant usedAt) {
    }

    private final JdbcClient jdbc;

    RefreshTokenRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(String tokenHash, String sessionId, Instant issuedAt, Instant expiresAt) {
        jdbc.sql("INSERT INTO refresh_token (token_hash, session_id, issued_at, expires_at, used_at) "
                + "VALUES (:hash, :session, :issued, :expires, NULL)")
                .param("hash", tokenHash).param("session", sessionId).param("issued", ts(issuedAt))
                .param("expires", ts(expiresAt)).update();
    }

    Optional<Row> find(String tokenHash) {
        return jdbc.sql("SELECT token_hash, session_id, issued_at, expires_at, used_at FROM refresh_token "
                + "WHERE token_hash = :hash").param("hash", tokenHash)
                .query((rs, n) -> new Row(rs.getString("token_hash"), rs.getString("session_id"),
                        instant(rs, "issued_at"), instant(rs, "expires_at"), instant(rs, "used_at")))
                .optional();
    }

    /**
     * TOK-3's atomic rotation step: exactly one of any number of concurrent callers marks the token
     * used (the database serialises the conditional UPDATE on the row); the others get false.
     */
    boolean consume(String tokenHash, Instant now) {
        return jdbc.sql("UPDATE refresh_token SET used_at = :now WHERE token_hash = :hash AND used_at IS NULL")
                .param("now", ts(now)).param("hash", tokenHash).update() == 1;
    }

    /** OPS-5: used or expired tokens older than {@code before}. */
    int purgeBefore(Instant before) {
        return jdbc.sql("DELETE FROM refresh_token WHERE expires_at < :before OR (used_at IS NOT NULL AND used_at < :before)")
                .param("before", ts(before)).update();
    }
}
