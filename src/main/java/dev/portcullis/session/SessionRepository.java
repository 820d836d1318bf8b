package dev.portcullis.session;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** user_session: explicit SQL that runs on H2 and PostgreSQL. */
@Repository
class SessionRepository {

    private static final String COLUMNS = "id, user_id, created_at, last_used_at, absolute_expires_at, remember_me, ip, "
            + "user_agent, revoked_at, revoked_reason, amr";

    private final JdbcClient jdbc;

    SessionRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(SessionRow s) {
        jdbc.sql("INSERT INTO user_session (" + COLUMNS + ") VALUES (:id, :user, :created, :used, :expires, :remember, "
                + ":ip, :ua, NULL, NULL, :amr)")
                .param("id", s.id()).param("user", s.userId()).param("created", ts(s.createdAt()))
                .param("amr", String.join(" ", s.amr())).param("used", ts(s.lastUsedAt())).param("expires", ts(s.absoluteExpiresAt()))
                .param("remember", s.rememberMe()).param("ip", s.ip()).param("ua", s.userAgent())
                .update();
    }

    Optional<SessionRow> find(String id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM user_session WHERE id = :id").param("id", id)
                .query(SessionRepository::row).optional();
    }

    void touch(String id, Instant now, String ip, String userAgent) {
        jdbc.sql("UPDATE user_session SET last_used_at = :now, ip = :ip, user_agent = :ua WHERE id = :id")
                .param("now", ts(now)).param("ip", ip).param("ua", userAgent).param("id", id).update();
    }

    /** @return whether this call revoked it (false: unknown or already revoked). */
    boolean revoke(String id, Instant now, String reason) {
        return jdbc.sql("UPDATE user_session SET revoked_at = :now, revoked_reason = :reason "
                + "WHERE id = :id AND revoked_at IS NULL")
                .param("now", ts(now)).param("reason", reason).param("id", id).update() == 1;
    }

    /** Revokes every active session of the user except {@code keep} (null keeps none); returns their ids. */
    List<String> revokeAllOf(String userId, String keep, Instant now, String reason) {
        List<String> ids = jdbc.sql("SELECT id FROM user_session WHERE user_id = :user AND revoked_at IS NULL")
                .param("user", userId).query(String.class).list().stream()
                .filter(id -> !id.equals(keep)).toList();
        for (String id : ids) {
            revoke(id, now, reason);
        }
        return ids;
    }

    List<SessionRow> activeOf(String userId, Instant now) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM user_session WHERE user_id = :user AND revoked_at IS NULL "
                + "AND absolute_expires_at > :now ORDER BY last_used_at DESC, id")
                .param("user", userId).param("now", ts(now)).query(SessionRepository::row).list();
    }

    /** OPS-5: sessions that ended (revoked or expired) before {@code before}; refresh tokens cascade. */
    int purgeEndedBefore(Instant before) {
        return jdbc.sql("DELETE FROM user_session WHERE (revoked_at IS NOT NULL AND revoked_at < :before) "
                + "OR absolute_expires_at < :before")
                .param("before", ts(before)).update();
    }

    /** ACC-8 purge: every session of the user, ended or not; refresh tokens cascade. */
    int deleteAllOf(String userId) {
        return jdbc.sql("DELETE FROM user_session WHERE user_id = :user").param("user", userId).update();
    }

    static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    private static SessionRow row(ResultSet rs, int n) throws SQLException {
        return new SessionRow(rs.getString("id"), rs.getString("user_id"), instant(rs, "created_at"),
                instant(rs, "last_used_at"), instant(rs, "absolute_expires_at"), rs.getBoolean("remember_me"),
                rs.getString("ip"), rs.getString("user_agent"), instant(rs, "revoked_at"), rs.getString("revoked_reason"),
                List.of(rs.getString("amr").split(" ")));
    }
}
