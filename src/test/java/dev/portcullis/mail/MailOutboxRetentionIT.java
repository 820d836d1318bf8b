package dev.portcullis.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.portcullis.testing.TestDatabases;

/** OPS-5 on H2 and PostgreSQL: finished mail is forgotten after the retention, queued mail never. */
class MailOutboxRetentionIT {

    private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");
    private static final RenderedMail MAIL = new RenderedMail("Subject", "text with a link", "<p>html</p>");

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void sentAndAbandonedMessagesOlderThanTheCutoffAreDeletedQueuedOnesStay_OPS5(TestDatabases.Kind kind) {
        JdbcClient jdbc = JdbcClient.create(TestDatabases.fresh(kind).dataSource());
        MailOutboxRepository outbox = new MailOutboxRepository(jdbc);
        Instant old = NOW.minus(Duration.ofDays(8));
        outbox.insert(old, "sent-old@example.com", "t", "en", MAIL);
        outbox.insert(old, "abandoned-old@example.com", "t", "en", MAIL);
        outbox.insert(old, "queued-old@example.com", "t", "en", MAIL);
        outbox.insert(NOW.minus(Duration.ofDays(1)), "sent-new@example.com", "t", "en", MAIL);
        outbox.markSent(idOf(jdbc, "sent-old@example.com"), old, "smtp");
        outbox.markFailed(idOf(jdbc, "abandoned-old@example.com"), 10, MailStatus.ABANDONED, old, "gave up");
        outbox.markSent(idOf(jdbc, "sent-new@example.com"), NOW, "smtp");

        int deleted = outbox.deleteFinishedBefore(NOW.minus(Duration.ofDays(7)));

        assertThat(deleted).isEqualTo(2);
        assertThat(jdbc.sql("SELECT recipient FROM mail_outbox ORDER BY recipient").query(String.class).list())
                .isEqualTo(List.of("queued-old@example.com", "sent-new@example.com"));
    }

    private static long idOf(JdbcClient jdbc, String recipient) {
        return jdbc.sql("SELECT id FROM mail_outbox WHERE recipient = :r").param("r", recipient).query(Long.class).single();
    }
}
