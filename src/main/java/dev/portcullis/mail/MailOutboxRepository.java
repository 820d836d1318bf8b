package dev.portcullis.mail;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Explicit SQL over {@code mail_outbox}; runs on PostgreSQL and H2 (PostgreSQL mode). JdbcClient
 * takes its connection from the current Spring transaction, so an insert commits or rolls back
 * with the caller's work (MAIL-1).
 */
@Repository
class MailOutboxRepository {

    static final int LAST_ERROR_LENGTH = 500;
    static final int SUBJECT_LENGTH = 300;

    private static final String COLUMNS = "id, created_at, recipient, template, locale, subject, body_text, body_html, "
            + "status, attempts, next_attempt_at, last_error, sent_at, transport";

    private final JdbcClient jdbc;

    MailOutboxRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(Instant now, String recipient, String template, String locale, RenderedMail mail) {
        jdbc.sql("""
                INSERT INTO mail_outbox (created_at, recipient, template, locale, subject, body_text, body_html,
                                         status, attempts, next_attempt_at)
                VALUES (:now, :recipient, :template, :locale, :subject, :text, :html, :status, 0, :now)""")
                .param("now", utc(now))
                .param("recipient", recipient)
                .param("template", template)
                .param("locale", locale)
                .param("subject", mail.subject())
                .param("text", mail.text())
                .param("html", mail.html())
                .param("status", MailStatus.QUEUED.column())
                .update();
    }

    /**
     * OPS-5: forgets sent and abandoned messages queued before {@code cutoff}. Queued ones stay
     * whatever their age: they are still being delivered.
     *
     * @return how many were deleted
     */
    int deleteFinishedBefore(Instant cutoff) {
        return jdbc.sql("DELETE FROM mail_outbox WHERE status <> :queued AND created_at < :cutoff")
                .param("queued", MailStatus.QUEUED.column())
                .param("cutoff", utc(cutoff))
                .update();
    }

    /** Queued messages whose next attempt is due, oldest first. */
    List<OutboxMessage> findDue(Instant now, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM mail_outbox WHERE status = :status AND next_attempt_at <= :now "
                + "ORDER BY created_at, id LIMIT :limit")
                .param("status", MailStatus.QUEUED.column())
                .param("now", utc(now))
                .param("limit", limit)
                .query(MailOutboxRepository::map)
                .list();
    }

    /** The status guard makes a stale copy of a row unable to overwrite a newer outcome. */
    void markSent(long id, Instant sentAt, String transport) {
        jdbc.sql("UPDATE mail_outbox SET status = :sent, sent_at = :sentAt, transport = :transport "
                + "WHERE id = :id AND status = :queued")
                .param("sent", MailStatus.SENT.column())
                .param("sentAt", utc(sentAt))
                .param("transport", transport)
                .param("id", id)
                .param("queued", MailStatus.QUEUED.column())
                .update();
    }

    void markFailed(long id, int attempts, MailStatus status, Instant nextAttemptAt, String error) {
        jdbc.sql("UPDATE mail_outbox SET attempts = :attempts, status = :status, next_attempt_at = :next, "
                + "last_error = :error WHERE id = :id AND status = :queued")
                .param("attempts", attempts)
                .param("status", status.column())
                .param("next", utc(nextAttemptAt))
                .param("error", truncate(error, LAST_ERROR_LENGTH))
                .param("id", id)
                .param("queued", MailStatus.QUEUED.column())
                .update();
    }

    long countQueued() {
        return jdbc.sql("SELECT COUNT(*) FROM mail_outbox WHERE status = :status")
                .param("status", MailStatus.QUEUED.column())
                .query(Long.class)
                .single();
    }

    List<OutboxMessage> latest(int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM mail_outbox ORDER BY created_at DESC, id DESC LIMIT :limit")
                .param("limit", limit)
                .query(MailOutboxRepository::map)
                .list();
    }

    Optional<OutboxMessage> findById(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM mail_outbox WHERE id = :id")
                .param("id", id)
                .query(MailOutboxRepository::map)
                .optional();
    }

    static String truncate(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static OutboxMessage map(ResultSet rs, int row) throws SQLException {
        return new OutboxMessage(rs.getLong("id"), instant(rs, "created_at"), rs.getString("recipient"),
                rs.getString("template"), rs.getString("locale"), rs.getString("subject"), rs.getString("body_text"),
                rs.getString("body_html"), MailStatus.fromColumn(rs.getString("status")), rs.getInt("attempts"),
                instant(rs, "next_attempt_at"), rs.getString("last_error"), instant(rs, "sent_at"),
                rs.getString("transport"));
    }
}
