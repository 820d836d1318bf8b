package dev.portcullis.social;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** social_pending_link (OAU-4): explicit SQL that runs on H2 and PostgreSQL. */
@Repository
class PendingLinkRepository {

    record PendingLink(String userId, ProviderIdentity identity, Instant createdAt) {
    }

    private final JdbcClient jdbc;

    PendingLinkRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(String tokenHash, String userId, ProviderIdentity identity, Instant now, Instant expiresAt) {
        jdbc.sql("INSERT INTO social_pending_link (token_hash, user_id, provider, issuer, subject, email, created_at, "
                + "expires_at, used_at) VALUES (:hash, :user, :provider, :issuer, :subject, :email, :now, :expires, NULL)")
                .param("hash", tokenHash).param("user", userId).param("provider", identity.provider())
                .param("issuer", identity.issuer()).param("subject", identity.subject())
                .param("email", identity.email()).param("now", Timestamp.from(now))
                .param("expires", Timestamp.from(expiresAt)).update();
    }

    Optional<PendingLink> findOpen(String tokenHash, Instant now) {
        return jdbc.sql("SELECT user_id, provider, issuer, subject, email, created_at FROM social_pending_link "
                + "WHERE token_hash = :hash AND used_at IS NULL AND expires_at > :now")
                .param("hash", tokenHash).param("now", Timestamp.from(now))
                .query((rs, n) -> new PendingLink(rs.getString("user_id"),
                        new ProviderIdentity(rs.getString("provider"), rs.getString("issuer"), rs.getString("subject"),
                                rs.getString("email"), true, null),
                        rs.getTimestamp("created_at").toInstant()))
                .optional();
    }

    /** Single use: true for exactly one caller, and only while the link is open. */
    boolean markUsed(String tokenHash, Instant now) {
        return jdbc.sql("UPDATE social_pending_link SET used_at = :now WHERE token_hash = :hash AND used_at IS NULL "
                + "AND expires_at > :now")
                .param("now", Timestamp.from(now)).param("hash", tokenHash).update() == 1;
    }

    int purgeExpiredBefore(Instant before) {
        return jdbc.sql("DELETE FROM social_pending_link WHERE expires_at < :before")
                .param("before", Timestamp.from(before)).update();
    }
}
