package dev.portcullis.identity;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import dev.portcullis.shared.ErrorCode;
import dev.portcullis.shared.ProblemException;

/**
 * At most N Argon2id computations at once (first come, first served). Each one holds its memory
 * cost (19 MiB by default) for its whole run: 64 sign-ins at once would want 1.2 GiB of heap, and
 * more threads than cores only share the same CPUs more slowly. Past the gate a request waits; if
 * it cannot start within {@code maxWait} it gets a 503 with Retry-After rather than taking the
 * server's memory or every other request's latency with it.
 */
final class HashingGate {

    private final Semaphore permits;
    private final Duration maxWait;

    HashingGate(int concurrency, Duration maxWait) {
        this.permits = new Semaphore(concurrency, true);
        this.maxWait = maxWait;
    }

    <T> T run(Supplier<T> hashing) {
        boolean acquired;
        try {
            acquired = permits.tryAcquire(maxWait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            acquired = false;
        }
        if (!acquired) {
            throw new ProblemException(ErrorCode.SERVICE_UNAVAILABLE, 503,
                    "Too many passwords are being checked right now; try again in a moment.", List.of(),
                    Map.of("Retry-After", "2"));
        }
        try {
            return hashing.get();
        } finally {
            permits.release();
        }
    }
}
