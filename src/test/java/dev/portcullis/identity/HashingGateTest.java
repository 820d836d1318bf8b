package dev.portcullis.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import dev.portcullis.shared.ErrorCode;
import dev.portcullis.shared.ProblemException;

/** PWD-3 under load: at most N hashes at once; a request that cannot get a turn in time gets a 503. */
class HashingGateTest {

    @Test
    void noMoreThanTheConfiguredNumberRunAtOnce() throws Exception {
        HashingGate gate = new HashingGate(2, Duration.ofSeconds(10));
        AtomicInteger running = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        CompletableFuture<?>[] all = new CompletableFuture<?>[8];
        for (int i = 0; i < all.length; i++) {
            all[i] = CompletableFuture.runAsync(() -> gate.run(() -> {
                most.accumulateAndGet(running.incrementAndGet(), Math::max);
                sleep(50);
                running.decrementAndGet();
                return null;
            }));
        }
        CompletableFuture.allOf(all).get(30, TimeUnit.SECONDS);

        assertThat(most.get()).isEqualTo(2);
    }

    @Test
    void aRequestThatCannotStartInTimeGetsServiceUnavailableWithRetryAfter() throws Exception {
        HashingGate gate = new HashingGate(1, Duration.ofMillis(200));
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Object> holder = CompletableFuture.supplyAsync(() -> gate.run(() -> {
            inside.countDown();
            await(release);
            return null;
        }));
        inside.await(10, TimeUnit.SECONDS);

        ProblemException refused = catchThrowableOfType(ProblemException.class, () -> gate.run(() -> "hash"));

        assertThat(refused.code()).isEqualTo(ErrorCode.SERVICE_UNAVAILABLE);
        assertThat(refused.status()).isEqualTo(503);
        assertThat(refused.headers()).containsKey("Retry-After");
        release.countDown();
        holder.get(10, TimeUnit.SECONDS);
        assertThat(gate.run(() -> "hash")).isEqualTo("hash");
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
