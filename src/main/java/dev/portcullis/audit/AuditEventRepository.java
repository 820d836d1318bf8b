package dev.portcullis.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.portcullis.shared.RequestOrigin;

/**
 * audit_event, append-only: insert and read, nothing else, matching the runtime database user's
 * grants (docs/operations.md). Plain SQL that runs on PostgreSQL and H2 (PostgreSQL mode).
 */
@Repository
class AuditEventRepository {

    private static final String COLUMNS = "id, occurred_at, type, user_id, actor_id, ip, user_agent, request_id, details";

    private final JdbcClient jdbc;

    AuditEventRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(Instant occurredAt, AuditEvent event, String detailsJson) {
        jdbc.sql("""
                INSERT INTO audit_event (occurred_at, type, user_id, actor_id, ip, user_agent, request_id, details)
                VALUES (:occurredAt, :type, :userId, :actorId, :ip, :userAgent, :requestId, :details)
                """)
                .param("occurredAt", utc(occurredAt))
                .param("type", event.type())
                .param("userId", event.userId())
                .param("actorId", event.actorId())
                .param("ip", event.origin().ip())
                .param("userAgent", event.origin().userAgent())
                .param("requestId", event.origin().requestId())
                .param("details", detailsJson)
                .update();
    }

    /**
     * Newest first; id breaks ties between events of the same instant, so paging is stable. The
     * WHERE clause lists only the filters in use: PostgreSQL cannot type a bare
     * {@code :param IS NULL}, and each filter then matches its index ((user_id, occurred_at),
     * (type, occurred_at) or (occurred_at)).
     */
    List<AuditRecord> find(AuditQuery query) {
        Map<String, Object> params = new LinkedHashMap<>();
        String where = where(query, params);
        params.put("limit", query.size());
        params.put("offset", query.offset());
        return jdbc.sql("SELECT " + COLUMNS + " FROM audit_event" + where
                + " ORDER BY occurred_at DESC, id DESC LIMIT :limit OFFSET :offset")
                .params(params)
                .query(AuditEventRepository::toRecord)
                .list();
    }

    long count(AuditQuery query) {
        Map<String, Object> params = new LinkedHashMap<>();
        String where = where(query, params);
        return jdbc.sql("SELECT COUNT(*) FROM audit_event" + where).params(params).query(Long.class).single();
    }

    private static String where(AuditQuery query, Map<String, Object> params) {
        List<String> conditions = new ArrayList<>();
        if (query.userId() != null) {
            conditions.add("user_id = :userId");
            params.put("userId", query.userId());
        }
        if (query.type() != null) {
            conditions.add("type = :type");
            params.put("type", query.type());
        }
        if (query.from() != null) {
            conditions.add("occurred_at >= :from");
            params.put("from", utc(query.from()));
        }
        if (query.to() != null) {
            conditions.add("occurred_at < :to");
            params.put("to", utc(query.to()));
        }
        return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
    }

    private static AuditRecord toRecord(ResultSet rs, int row) throws SQLException {
        return new AuditRecord(
                rs.getLong("id"),
                rs.getObject("occurred_at", OffsetDateTime.class).toInstant(),
                rs.getString("type"),
                rs.getString("user_id"),
                rs.getString("actor_id"),
                new RequestOrigin(rs.getString("ip"), rs.getString("user_agent"), rs.getString("request_id")),
                AuditDetailsJson.read(rs.getString("details")));
    }

    // Both drivers map OffsetDateTime to TIMESTAMP WITH TIME ZONE without a zone conversion surprise.
    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
