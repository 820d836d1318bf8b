package dev.portcullis.mail;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

/**
 * Mail delivery (MAIL-1..3). SMTP itself is configured with Spring's {@code spring.mail.*}.
 *
 * @param from sender address (RFC 5322 mailbox) of every message. Default: no-reply@localhost with the name Portcullis.
 * @param devMailbox keep mail in the local dev mailbox (/dev/mailbox) instead of sending it. Default: unset,
 *        which means on in dev mode when spring.mail.host is not set, off otherwise. Refused in prod.
 * @param pollInterval delay between two runs of the dispatcher job. Default: 2s.
 * @param batchSize most messages the dispatcher sends in one run. Default: 20.
 * @param maxAttempts delivery attempts before a message is abandoned. Default: 10.
 * @param retryInitialDelay wait after the first failed attempt; doubled after each further failure. Default: 30s.
 * @param retryMaxDelay longest wait between two attempts. Default: 1h.
 * @param retention sent and abandoned messages are deleted this long after they were queued (OPS-5):
 *        their bodies hold links with account tokens and personal data. Default: 7d; 1h to 365d.
 */
@Validated
@ConfigurationProperties("portcullis.mail")
record MailProperties(
        @DefaultValue("Portcullis <no-reply@localhost>") @NotBlank String from,
        Boolean devMailbox,
        @DefaultValue("2s") @NotNull Duration pollInterval,
        @DefaultValue("20") @Min(1) @Max(1000) int batchSize,
        @DefaultValue("10") @Min(1) @Max(100) int maxAttempts,
        @DefaultValue("30s") @NotNull Duration retryInitialDelay,
        @DefaultValue("1h") @NotNull Duration retryMaxDelay,
        @DefaultValue("7d") @NotNull Duration retention) {

    MailProperties {
        // Fail at startup, not at the first send: a bad sender would abandon every message.
        try {
            new InternetAddress(from, true);
        } catch (AddressException e) {
            throw new IllegalArgumentException("PORTCULLIS_MAIL_FROM is not a valid address, e.g. Portcullis <no-reply@example.com>");
        }
        requirePositive(pollInterval, "PORTCULLIS_MAIL_POLL_INTERVAL");
        requirePositive(retryInitialDelay, "PORTCULLIS_MAIL_RETRY_INITIAL_DELAY");
        requirePositive(retryMaxDelay, "PORTCULLIS_MAIL_RETRY_MAX_DELAY");
        if (retention != null && (retention.compareTo(Duration.ofHours(1)) < 0 || retention.compareTo(Duration.ofDays(365)) > 0)) {
            throw new IllegalArgumentException("PORTCULLIS_MAIL_RETENTION must be between 1h and 365d");
        }
        if (retryMaxDelay.compareTo(retryInitialDelay) < 0) {
            throw new IllegalArgumentException("PORTCULLIS_MAIL_RETRY_MAX_DELAY must not be shorter than the initial delay");
        }
    }

    private static void requirePositive(Duration value, String key) {
        if (value != null && (value.isNegative() || value.isZero())) {
            throw new IllegalArgumentException(key + " must be positive");
        }
    }
}
