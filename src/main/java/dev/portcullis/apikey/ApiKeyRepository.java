package dev.portcullis.apikey;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Explicit SQL over {@code api_key} (V7). */
@Repository
class ApiKeyRepository {

    /** A stored key, hash included: never leaves this module. */
    record Row(String id, String publicId, String userId, String name, String secretHash, List<String> scopes,
            Instant createdAt, Instant expiresAt, Instant lastUsedAt, Instant revokedAt) {

        boolean usableAt(Instant now) {
            return revokedAt == null && (expiresAt == null || now.isBefore(expiresAt));
        }

        ApiKey view() {
            return new ApiKey(id, name, ApiKeyFormat.prefix(publicId), scopes, createdAt, expiresAt, lastUsedAt);
        }
    }

    private static final String COLUMNS = "id, public_id, user_id, name, secret_hash, scopes, created_at, expires_at, "
            + "last_used_at, revoked_at";

    private final JdbcClient jdbc;

    ApiKeyRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(Row key) {
        jdbc.sql("INSERT INTO api_key (" + COLUMNS + ") VALUES (:id, :publicId, :userId, :name, :hash, :scopes, "
                + ":createdAt, :expiresAt, NULL, NULL)")
                .param("id", key.id()).param("publicId", key.publicId()).param("userId", key.userId())
                .param("name", key.name()).param("hash", key.secretHash()).param("scopes", String.join(" ", key.scopes()))
                .param("createdAt", utc(key.createdAt())).param("expiresAt", utc(key.expiresAt())).update();
    }

    Optional<Row> findByPublicId(String publicId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM api_key WHERE public_id = :publicId").param("publicId", publicId)
                .query(ApiKeyRepository::row).optional();
    }

    /** The owner's keys that are not revoked, newest first (expired ones included, marked by their date). */
    List<Row> listOf(String userId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM api_key WHERE user_id = :userId AND revoked_at IS NULL "
                + "ORDER BY created_at DESC, id").param("userId", userId).query(ApiKeyRepository::row).list();
    }

    int countUsable(String userId, Instant now) {
        return jdbc.sql("SELECT COUNT(*) FROM api_key WHERE user_id = :userId AND revoked_at IS NULL "
                + "AND (expires_at IS NULL OR expires_at > :now)").param("userId", userId).param("now", utc(now))
                .query(Integer.class).single();
    }

    /** @return the public id of the key this call revoked; empty when it is not the owner's or already revoked */
    Optional<String> revoke(String userId, String keyId, Instant now) {
        Optional<String> publicId = jdbc.sql("SELECT public_id FROM api_key WHERE id = :id AND user_id = :userId "
                + "AND revoked_at IS NULL").param("id", keyId).param("userId", userId).query(String.class).optional();
        if (publicId.isEmpty()) {
            return Optional.empty();
        }
        int changed = jdbc.sql("UPDATE api_key SET revoked_at = :now WHERE id = :id AND user_id = :userId "
                + "AND revoked_at IS NULL").param("now", utc(now)).param("id", keyId).param("userId", userId).update();
        return changed == 1 ? publicId : Optional.empty();
    }

    /**
     * KEY-1: records a use unless one was recorded less than {@code interval} ago, so busy keys cost
     * one write a minute across all instances, not one per request.
     */
    void touch(String keyId, Instant now, Instant notSince) {
        jdbc.sql("UPDATE api_key SET last_used_at = :now WHERE id = :id "
                + "AND (last_used_at IS NULL OR last_used_at < :notSince)")
                .param("now", utc(now)).param("id", keyId).param("notSince", utc(notSince)).update();
    }

    private static Row row(ResultSet rs, int n) throws SQLException {
        String scopes = rs.getString("scopes");
        return new Row(rs.getString("id"), rs.getString("public_id"), rs.getString("user_id"), rs.getString("name"),
                rs.getString("secret_hash"), scopes.isBlank() ? List.of() : Arrays.asList(scopes.split(" ")),
                instant(rs, "created_at"), instant(rs, "expires_at"), instant(rs, "last_used_at"),
                instant(rs, "revoked_at"));
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
