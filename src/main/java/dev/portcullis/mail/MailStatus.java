package dev.portcullis.mail;

import java.util.Locale;

/** Life of an outbox row: queued until delivered (sent) or given up after the last retry (abandoned). */
enum MailStatus {
    QUEUED, SENT, ABANDONED;

    String column() {
        return name().toLowerCase(Locale.ROOT);
    }

    static MailStatus fromColumn(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
