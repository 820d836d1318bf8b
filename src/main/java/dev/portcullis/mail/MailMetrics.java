package dev.portcullis.mail;

import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/** AUD-3: queue depth and delivery outcomes, exported to Prometheus. */
@Component
class MailMetrics {

    static final String QUEUE_DEPTH = "portcullis.mail.queue.depth";
    static final String SENT = "portcullis.mail.sent";
    static final String FAILED_ATTEMPTS = "portcullis.mail.failed.attempts";
    static final String ABANDONED = "portcullis.mail.abandoned";

    private final MeterRegistry registry;
    private final Counter failed;
    private final Counter abandoned;

    MailMetrics(MeterRegistry registry, MailOutboxRepository outbox) {
        this.registry = registry;
        // Read from the database at scrape time, so every instance reports the shared queue, not
        // what the instance that last ran the dispatcher happened to see.
        Gauge.builder(QUEUE_DEPTH, outbox, MailOutboxRepository::countQueued)
                .description("Messages waiting in the outbox")
                .strongReference(true)
                .register(registry);
        this.failed = Counter.builder(FAILED_ATTEMPTS).description("Delivery attempts that failed").register(registry);
        this.abandoned = Counter.builder(ABANDONED).description("Messages given up after the last attempt")
                .register(registry);
    }

    void sent(String transport) {
        Counter.builder(SENT).description("Messages delivered").tag("transport", transport).register(registry)
                .increment();
    }

    void failedAttempt() {
        failed.increment();
    }

    void abandoned() {
        abandoned.increment();
    }
}
