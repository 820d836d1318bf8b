package dev.portcullis.mfa;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.portcullis.audit.TestAuditLogs;
import dev.portcullis.shared.RequestOrigin;
import dev.portcullis.shared.SecretTokens;
import dev.portcullis.testing.MutableClock;
import dev.portcullis.testing.Races;
import dev.portcullis.testing.TestDatabases;
import dev.portcullis.testing.TestDatabases.TestDatabase;

/**
 * MFA-1..4 storage contract, the same tests on H2 and PostgreSQL: of 20 racing uses of one recovery
 * code exactly one succeeds; of 20 racing acceptances of one TOTP step exactly one does; an
 * mfa_token completes one sign-in; the cleanup job removes only what has ended (OPS-5).
 */
abstract class FactorStorageContract {

    private static final Instant T0 = Instant.parse("2026-05-01T08:00:00Z");
    private static final int RACERS = 20;

    private final MutableClock clock = new MutableClock(T0);
    private TestDatabase db;
    private JdbcClient jdbc;
    private FactorRepository factors;
    private ExecutorService pool;

    abstract TestDatabases.Kind kind();

    @BeforeEach
    void freshDatabase() {
        db = TestDatabases.fresh(kind());
        jdbc = JdbcClient.create(db.dataSource());
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

    @Test
    void racingEnrolmentsLeaveOnePendingSecretAndNeverReplaceAConfirmedOne_MFA1() throws Exception {
        assertThat(race(() -> factors.savePending("user-1", "sealed-" + Thread.currentThread().getId(), T0)))
                .isEqualTo(RACERS);
        assertThat(factors.totp("user-1")).hasValueSatisfying(row -> assertThat(row.confirmed()).isFalse());
        assertThat(factors.enabled("user-1")).isFalse();

        assertThat(factors.confirm("user-1", 5, T0)).isTrue();
        assertThat(race(() -> factors.savePending("user-1", "late", T0))).isZero();
        assertThat(factors.totp("user-1").orElseThrow().secret()).isNotEqualTo("late");
    }

    @Test
    void anMfaTokenCompletesOneSignInAndExpiredOnesArePurged_MFA3_OPS5() throws Exception {
        ChallengeRepository challenges = new ChallengeRepository(jdbc);
        challenges.insert("hash-1", "user-1", true, "pwd", T0, T0.plus(Duration.ofMinutes(5)));
        challenges.insert("hash-2", "user-1", false, "fed", T0, T0.plus(Duration.ofMinutes(5)));

        assertThat(challenges.findOpen("hash-1", T0)).hasValueSatisfying(c -> assertThat(c.rememberMe()).isTrue());
        assertThat(challenges.findOpen("hash-2", T0)).as("OAU / ASVS 6.3.4: the first factor is remembered")
                .hasValueSatisfying(c -> assertThat(c.firstFactor()).isEqualTo("fed"));
        assertThat(race(() -> challenges.markUsed("hash-1", T0.plusSeconds(10)))).isEqualTo(1);
        assertThat(challenges.findOpen("hash-1", T0.plusSeconds(11))).isEmpty();
        assertThat(challenges.findOpen("hash-2", T0.plus(Duration.ofMinutes(5)))).as("expired").isEmpty();
        assertThat(challenges.markUsed("hash-2", T0.plus(Duration.ofMinutes(6)))).isFalse();

        assertThat(challenges.purgeExpiredBefore(T0.plus(Duration.ofMinutes(4)))).isZero();
        assertThat(challenges.purgeExpiredBefore(T0.plus(Duration.ofHours(1)))).isEqualTo(2);
    }

    @Test
    void aTrustedDeviceCountsOnlyForItsUserUntilRevokedAndEndedOnesArePurged_MFA4_OPS5() {
        TrustedDevices devices = new TrustedDevices(jdbc, new SecretTokens(new SecureRandom()),
                TestAuditLogs.on(db.dataSource(), clock), new MfaProperties("Portcullis", Duration.ofMinutes(5),
                        Duration.ofMinutes(10), Duration.ofDays(30), Set.of("admin")), clock);
        RequestOrigin origin = new RequestOrigin("203.0.113.7", "test", "req-1");
        String cookie = devices.trust("user-1", origin).getValue();
        String kept = devices.trust("user-1", origin).getValue();

        assertThat(devices.trusts(cookie, "user-1")).isTrue();
        assertThat(devices.trusts(cookie, "user-2")).isFalse();
        assertThat(devices.trusts(cookie + "x", "user-1")).isFalse();
        String id = devices.list("user-1").get(1).id();
        assertThat(devices.list("user-1")).hasSize(2);

        assertThat(devices.revoke("user-2", id, origin)).isFalse();
        assertThat(devices.revoke("user-1", id, origin)).isTrue();
        assertThat(devices.list("user-1")).hasSize(1);
        assertThat(devices.trusts(cookie, "user-1") && devices.trusts(kept, "user-1")).isFalse();

        clock.advance(Duration.ofDays(2));
        assertThat(devices.purgeEndedBefore(clock.instant().minus(Duration.ofDays(1)))).isEqualTo(1);
        clock.advance(Duration.ofDays(30));
        assertThat(devices.trusts(kept, "user-1")).as("expired").isFalse();
        assertThat(devices.purgeEndedBefore(clock.instant())).isEqualTo(1);
    }

    private int race(Callable<Boolean> attempt) throws Exception {
        return Races.wins(pool, RACERS, attempt);
    }
}
