package dev.portcullis.mail;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * MAIL-1: one run of the delivery job. db-scheduler runs a recurring task on one instance at a
 * time, so two instances never send the same batch. Delivery is at-least-once: a crash between
 * the SMTP hand-off and the status update sends that message again on the next run.
 */
@Component
class MailDispatcher {

    private static final Logger log = LoggerFactory.getLogger(MailDispatcher.class);

    private final MailOutboxRepository outbox;
    private final MailTransport transport;
    private final MailMetrics metrics;
    private final MailProperties properties;
    private final Backoff backoff;
    private final Clock clock;

    MailDispatcher(MailOutboxRepository outbox, MailTransport transport, MailMetrics metrics, MailProperties properties,
            Clock clock) {
        this.outbox = outbox;
        this.transport = transport;
        this.metrics = metrics;
        this.properties = properties;
        this.backoff = new Backoff(properties.retryInitialDelay(), properties.retryMaxDelay());
        this.clock = clock;
    }

    void dispatchDue() {
        List<OutboxMessage> due = outbox.findDue(clock.instant(), properties.batchSize());
        for (OutboxMessage message : due) {
            deliver(message);
        }
    }

    private void deliver(OutboxMessage message) {
        try {
            transport.send(message);
        } catch (Exception e) {
            // Caught per message: one bad message or a flaky server must not stop the batch.
            failed(message, e);
            return;
        }
        outbox.markSent(message.id(), clock.instant(), transport.name());
        metrics.sent(transport.name());
    }

    private void failed(OutboxMessage message, Exception error) {
        int attempts = message.attempts() + 1;
        boolean abandon = attempts >= properties.maxAttempts();
        Instant next = clock.instant().plus(backoff.delayAfter(attempts));
        String reason = describe(error);
        outbox.markFailed(message.id(), attempts, abandon ? MailStatus.ABANDONED : MailStatus.QUEUED, next, reason);
        metrics.failedAttempt();
        if (abandon) {
            metrics.abandoned();
            log.error("mail {} abandoned after {} attempts: {}", message.id(), attempts, reason);
        } else {
            log.warn("mail {} attempt {} failed, next at {}: {}", message.id(), attempts, next, reason);
        }
    }

    /** Class and message of the error and its root cause, on one line: no stack, no body, no address list. */
    static String describe(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String text = summary(error) + (root == error ? "" : " <- " + summary(root));
        return MailOutboxRepository.truncate(text.replaceAll("[\\r\\n\\t]+", " ").strip(),
                MailOutboxRepository.LAST_ERROR_LENGTH);
    }

    private static String summary(Throwable t) {
        return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
    }
}
