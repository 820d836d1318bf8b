package dev.portcullis.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/** Runs one attempt from many threads released at once, for "exactly one wins" storage tests. */
public final class Races {

    private Races() {
    }

    /** @return how many of the {@code racers} attempts returned true */
    public static int wins(ExecutorService pool, int racers, Callable<Boolean> attempt) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Boolean>> results = new ArrayList<>();
        for (int i = 0; i < racers; i++) {
            results.add(pool.submit(() -> {
                start.await();
                return attempt.call();
            }));
        }
        start.countDown();
        int wins = 0;
        for (Future<Boolean> result : results) {
            wins += result.get() ? 1 : 0;
        }
        return wins;
    }
}
