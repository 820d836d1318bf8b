package dev.portcullis.mfa;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.portcullis.shared.SecretTokens;
import dev.portcullis.testing.TestDatabases;
import dev.portcullis.testing.TestDatabases.TestDatabase;

/**
 * MFA-1 / MFA-2 storage contract, the same tests on H2 and PostgreSQL: of 20 racing uses of one
 * recovery code exactly one succeeds; of 20 racing acceptances of one TOTP step exactly one does.
 */
abstract class FactorStorageContract {

    private static final Instant T0 = Instant.parse("2026-05-01T08:00:00Z");
    private static final int RACERS = 20;

    private TestDatabase db;
    private FactorRepository factors;
    private ExecutorService pool;

    abstract TestDatabases.Kind kind();

    @BeforeEach
    void freshDatabase() {
        db = TestDatabases.fresh(kind());
        JdbcClient jdbc = JdbcClient.create(db.dataSource());
        jdbc.sql("INSERT INTO users (id, email, email_key, password_hash, status, locale, created_at, updated_at) "
                + "VALUES ('user-1', 'a@example.com', 'a@example.com', 'x', 'active', 'en', :t, :t)")
                .param("t", Timestamp.from(T0)).update();
        factors = new FactorRepository(jdbc);
        pool = Executors.newFixedThreadPool(RACERS);
    }

    @AfterEach
    void stopPool() {
        pool.shutdownNow();
    }

    @Test
    void twentyParallelUsesOfOneRecoveryCodeSucceedExactlyOnce_MFA2() throws Exception {
        String hash = SecretTokens.hash("ABCDEFGHIJKLMNOPQRSTUVWXYZ");
        factors.replaceRecoveryCodes("user-1", List.of(hash, SecretTokens.hash("other")), T0);

        assertThat(race(() -> factors.useRecoveryCode("user-1", hash))).isEqualTo(1);
        assertThat(factors.remainingRecoveryCodes("user-1")).isEqualTo(1);
        assertThat(factors.useRecoveryCode("user-1", hash)).isFalse();
    }

    @Test
    void twentyParallelAcceptancesOfOneStepSucceedExactlyOnceAndOlderStepsNever_MFA1() throws Exception {
        assertThat(factors.savePending("user-1", "sealed", T0)).isTrue();
        assertThat(factors.confirm("user-1", 100, T0)).isTrue();
        assertThat(factors.enabled("user-1")).isTrue();

        assertThat(race(() -> factors.acceptStep("user-1", 101))).isEqualTo(1);
        assertThat(factors.acceptStep("user-1", 101)).isFalse();
        assertThat(factors.acceptStep("user-1", 100)).isFalse();
        assertThat(factors.acceptStep("user-1", 102)).isTrue();
        assertThat(factors.savePending("user-1", "another", T0)).as("a confirmed secret is never replaced").isFalse();
    }

    private int race(Callable<Boolean> attempt) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Boolean>> results = new ArrayList<>();
        for (int i = 0; i < RACERS; i++) {
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
