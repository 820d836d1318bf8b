package dev.portcullis.mail;

import java.time.Instant;

/** One row of {@code mail_outbox}. */
record OutboxMessage(long id, Instant createdAt, String recipient, String template, String locale,
        String subject, String bodyText, String bodyHtml, MailStatus status, int attempts, Instant nextAttemptAt,
        String lastError, Instant sentAt, String transport) {
}
