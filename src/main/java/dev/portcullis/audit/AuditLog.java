package dev.portcullis.audit;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The audit trail (AUD-1): append-only security events, and the queries behind a user's own
 * activity and the admin audit list. There is no update or delete.
 * <p>
 * {@link #record} runs in the caller's transaction, so an event is stored exactly when the change
 * it describes is: a rolled-back login leaves no {@code login.succeeded}. Each stored event also
 * counts in the {@value #METRIC} counter, tagged with its type (AUD-3).
 */
@Service
public final class AuditLog {

    public static final String METRIC = "portcullis.audit.events";

    private final AuditEventRepository repository;
    private final Clock clock;
    private final MeterRegistry meters;

    AuditLog(AuditEventRepository repository, Clock clock, MeterRegistry meters) {
        this.repository = repository;
        this.clock = clock;
        this.meters = meters;
    }

    /**
     * Appends the event, timestamped now.
     *
     * @throws IllegalArgumentException when the details do not fit (4000 characters of JSON)
     */
    public void record(AuditEvent event) {
        String details = AuditDetailsJson.write(event.details());
        // Both databases keep microseconds; truncating here makes what we return what we stored.
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        repository.insert(now, event, details);
        countAfterCommit(event.type());
    }

    /** Matching records, newest first, with their total. */
    public AuditPage find(AuditQuery query) {
        return new AuditPage(repository.find(query), query.page(), query.size(), repository.count(query));
    }

    /** A metric must not count an event that a rollback took back. */
    private void countAfterCommit(String type) {
        Counter counter = Counter.builder(METRIC).description("Audit events recorded, by type").tag("type", type)
                .register(meters);
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            counter.increment();
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                counter.increment();
            }
        });
    }
}
