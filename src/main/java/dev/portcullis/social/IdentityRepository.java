package dev.portcullis.social;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** user_identity (OAU-4): explicit SQL that runs on H2 and PostgreSQL. */
@Repository
class IdentityRepository {

    record IdentityRow(String id, String userId, String provider, String issuer, String subject, String email,
            Instant linkedAt) {
    }

    private static final String COLUMNS = "id, user_id, provider, issuer, subject, email, linked_at";

    private final JdbcClient jdbc;

    IdentityRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * @throws org.springframework.dao.DuplicateKeyException when this provider account is linked already
     *         (to this or another user): (provider, subject) and (issuer, subject) are unique
     */
    void insert(String id, String userId, ProviderIdentity identity, Instant now) {
        jdbc.sql("INSERT INTO user_identity (id, user_id, provider, issuer, subject, email, linked_at) "
                + "VALUES (:id, :user, :provider, :issuer, :subject, :email, :now)")
                .param("id", id).param("user", userId).param("provider", identity.provider())
                .param("issuer", identity.issuer()).param("subject", identity.subject())
                .param("email", identity.email()).param("now", Timestamp.from(now)).update();
    }

    Optional<IdentityRow> find(String provider, String subject) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM user_identity WHERE provider = :provider AND subject = :subject")
                .param("provider", provider).param("subject", subject).query(IdentityRepository::row).optional();
    }

    List<IdentityRow> ofUser(String userId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM user_identity WHERE user_id = :user ORDER BY linked_at, id")
                .param("user", userId).query(IdentityRepository::row).list();
    }

    void recordLogin(String id, Instant at) {
        jdbc.sql("UPDATE user_identity SET last_login_at = :at WHERE id = :id").param("at", Timestamp.from(at))
                .param("id", id).update();
    }

    /**
     * Locks the user's identities for the caller's transaction, so two racing unlinks of an account's
     * last two identities are decided one after the other (OAU-4: never both).
     */
    List<String> lockOfUser(String userId) {
        return jdbc.sql("SELECT id FROM user_identity WHERE user_id = :user ORDER BY id FOR UPDATE")
                .param("user", userId).query(String.class).list();
    }

    boolean delete(String id, String userId) {
        return jdbc.sql("DELETE FROM user_identity WHERE id = :id AND user_id = :user").param("id", id)
                .param("user", userId).update() == 1;
    }

    int countOfUser(String userId) {
        return jdbc.sql("SELECT COUNT(*) FROM user_identity WHERE user_id = :user").param("user", userId)
                .query(Integer.class).single();
    }

    private static IdentityRow row(ResultSet rs, int n) throws SQLException {
        return new IdentityRow(rs.getString("id"), rs.getString("user_id"), rs.getString("provider"),
                rs.getString("issuer"), rs.getString("subject"), rs.getString("email"),
                rs.getTimestamp("linked_at").toInstant());
    }
}
