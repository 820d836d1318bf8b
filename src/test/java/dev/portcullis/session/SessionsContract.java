package dev.portcullis.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.time.Duration;
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
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.portcullis.audit.AuditLog;
import dev.portcullis.audit.AuditQuery;
import dev.portcullis.audit.AuditRecord;
import dev.portcullis.audit.TestAuditLogs;
import dev.portcullis.shared.ProblemException;
import dev.portcullis.shared.RequestOrigin;
import dev.portcullis.shared.SecretTokens;
import dev.portcullis.testing.MutableClock;
import dev.portcullis.testing.TestDatabases;
import dev.portcullis.testing.TestDatabases.TestDatabase;

/** TOK-3..5 storage contract: the same tests on H2 and PostgreSQL, each on a fresh database. */
abstract class SessionsContract {

    private static final Instant T0 = Instant.parse("2026-05-01T08:00:00Z");
    private static final RequestOrigin ORIGIN = new RequestOrigin("203.0.113.7",
            "Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0", "req-1");
    private static final int RACERS = 20;

    private final MutableClock clock = new MutableClock(T0);
    private TestDatabase db;
    private AuditLog audit;
    private JdbcClient jdbc;
    private ExecutorService pool;

    abstract TestDatabases.Kind kind();

    @BeforeEach
    void freshDatabase() {
        db = TestDatabases.fresh(kind());
        audit = TestAuditLogs.on(db.dataSource(), clock);
        jdbc = JdbcClient.create(db.dataSource());
        pool = Executors.newFixedThreadPool(RACERS);
    }

    @AfterEach
    void stopPool() {
        pool.shutdownNow();
    }

    private Sessions sessions(Duration grace) {
        SessionProperties properties = new SessionProperties(Duration.ofDays(30), Duration.ofHours(12),
                Duration.ofDays(90), grace, Duration.ofSeconds(1), Duration.ofDays(30));
        SessionRepository repository = new SessionRepository(jdbc);
        return new Sessions(repository, new RefreshTokenRepository(jdbc),
                new SessionActivity(repository, clock, properties), audit, new SecretTokens(new SecureRandom()),
                new TransactionTemplate(new DataSourceTransactionManager(db.dataSource())), properties, clock);
    }

    @Test
    void rotationIssuesANewTokenInTheSameSessionAndTheOldOneIsSpent_TOK3() {
        Sessions sessions = sessions(Duration.ZERO);
        IssuedRefreshToken first = sessions.start("user-1", true, List.of("pwd"), ORIGIN);

        IssuedRefreshToken second = sessions.rotate(first.refreshToken(), ORIGIN);

        assertThat(second.sessionId()).isEqualTo(first.sessionId());
        assertThat(second.refreshToken()).isNotEqualTo(first.refreshToken());
        assertThat(second.expiresIn()).isEqualTo(Duration.ofDays(30));
        assertThat(second.amr()).as("how the user signed in carries over to refreshed tokens").containsExactly("pwd");
        assertThat(second.authTime()).isEqualTo(T0);
        assertThat(jdbc.sql("SELECT token_hash FROM refresh_token").query(String.class).list())
                .as("only hashes are stored").doesNotContain(first.refreshToken(), second.refreshToken())
                .contains(SecretTokens.hash(second.refreshToken()));
    }

    @Test
    void reuseOfASpentTokenRevokesTheWholeFamilyAndIsAudited_TOK3() {
        Sessions sessions = sessions(Duration.ofSeconds(10));
        IssuedRefreshToken first = sessions.start("user-1", true, List.of("pwd"), ORIGIN);
        IssuedRefreshToken second = sessions.rotate(first.refreshToken(), ORIGIN);
        clock.advance(Duration.ofSeconds(11));

        assertThatThrownBy(() -> sessions.rotate(first.refreshToken(), ORIGIN)).isInstanceOf(ProblemException.class)
                .hasMessageContaining("invalid");

        assertThat(sessions.isActive(first.sessionId())).isFalse();
        assertThatThrownBy(() -> sessions.rotate(second.refreshToken(), ORIGIN))
                .as("the thief's and the victim's newest token die together").isInstanceOf(ProblemException.class);
        assertThat(audit.find(AuditQuery.all()).items()).extracting(AuditRecord::type).contains("refresh.reuse");
    }

    @Test
    void aRepeatWithinTheGraceWindowGetsAFreshPairAndRevokesNothing_TOK3() {
        Sessions sessions = sessions(Duration.ofSeconds(10));
        IssuedRefreshToken first = sessions.start("user-1", true, List.of("pwd"), ORIGIN);
        sessions.rotate(first.refreshToken(), ORIGIN);
        clock.advance(Duration.ofSeconds(9));

        IssuedRefreshToken again = sessions.rotate(first.refreshToken(), ORIGIN);

        assertThat(again.sessionId()).isEqualTo(first.sessionId());
        assertThat(sessions.isActive(first.sessionId())).isTrue();
    }

    @Test
    void twentyParallelRotationsWithoutGraceGiveExactlyOneSuccess_TOK3() throws Exception {
        Sessions sessions = sessions(Duration.ZERO);
        IssuedRefreshToken first = sessions.start("user-1", true, List.of("pwd"), ORIGIN);

        List<Boolean> outcomes = race(() -> succeeded(() -> sessions.rotate(first.refreshToken(), ORIGIN)));

        assertThat(outcomes).filteredOn(ok -> ok).hasSize(1);
        assertThat(sessions.isActive(first.sessionId())).as("the losers are reuse: the family is revoked").isFalse();
    }

    @Test
    void twentyParallelRotationsWithinGraceAllSucceedInOneLiveFamily_TOK3() throws Exception {
        Sessions sessions = sessions(Duration.ofSeconds(10));
        IssuedRefreshToken first = sessions.start("user-1", true, List.of("pwd"), ORIGIN);

        List<Boolean> outcomes = race(() -> succeeded(() -> sessions.rotate(first.refreshToken(), ORIGIN)));

        assertThat(outcomes).containsOnly(true).hasSize(RACERS);
        assertThat(sessions.isActive(first.sessionId())).isTrue();
        assertThat(jdbc.sql("SELECT COUNT(DISTINCT session_id) FROM refresh_token").query(Integer.class).single())
                .isEqualTo(1);
    }

    @Test
    void withoutRememberMeTheTokenLivesOnlyTheShortLifetime_TOK3() {
        Sessions sessions = sessions(Duration.ZERO);
        IssuedRefreshToken first = sessions.start("user-1", false, List.of("pwd"), ORIGIN);
        assertThat(first.expiresIn()).isEqualTo(Duration.ofHours(12));

        clock.advance(Duration.ofHours(12).plusSeconds(1));

        assertThatThrownBy(() -> sessions.rotate(first.refreshToken(), ORIGIN)).isInstanceOf(ProblemException.class);
    }

    @Test
    void slidingExpiryStopsAtTheAbsoluteLifetime_TOK3() {
        Sessions sessions = sessions(Duration.ZERO);
        IssuedRefreshToken token = sessions.start("user-1", true, List.of("pwd"), ORIGIN);
        for (int day = 0; day < 3; day++) {
            clock.advance(Duration.ofDays(29));
            token = sessions.rotate(token.refreshToken(), ORIGIN);
        }
        assertThat(token.expiresIn()).as("capped at 90 days after sign-in").isEqualTo(Duration.ofDays(3));

        clock.advance(Duration.ofDays(3).plusSeconds(1));

        String last = token.refreshToken();
        assertThatThrownBy(() -> sessions.rotate(last, ORIGIN)).isInstanceOf(ProblemException.class);
        assertThat(sessions.isActive(token.sessionId())).isFalse();
    }

    @Test
    void unknownOversizedAndEmptyTokensAreRefusedAlike_TOK3() {
        Sessions sessions = sessions(Duration.ZERO);
        for (String bad : new String[] {"", "nope", "x".repeat(5000), null}) {
            assertThatThrownBy(() -> sessions.rotate(bad, ORIGIN)).isInstanceOf(ProblemException.class)
                    .hasMessage("invalid_token: The refresh token is invalid or expired.");
        }
    }

    @Test
    void revokeEndsOneOwnSessionOnlyAndItsTokensStopWorking_TOK4_TOK5() {
        Sessions sessions = sessions(Duration.ZERO);
        IssuedRefreshToken mine = sessions.start("alice", true, List.of("pwd"), ORIGIN);
        IssuedRefreshToken other = sessions.start("alice", false, List.of("pwd"), ORIGIN);
        IssuedRefreshToken bobs = sessions.start("bob", true, List.of("pwd"), ORIGIN);

        assertThat(sessions.revoke("alice", bobs.sessionId(), "logout")).as("not hers").isFalse();
        assertThat(sessions.revoke("alice", mine.sessionId(), "logout")).isTrue();
        assertThat(sessions.revoke("alice", mine.sessionId(), "logout")).as("already ended").isFalse();

        assertThat(sessions.isActive(mine.sessionId())).isFalse();
        assertThat(sessions.isActive(other.sessionId())).isTrue();
        assertThat(sessions.isActive(bobs.sessionId())).isTrue();
        assertThatThrownBy(() -> sessions.rotate(mine.refreshToken(), ORIGIN)).isInstanceOf(ProblemException.class);
    }

    @Test
    void revokeAllKeepsOnlyTheNamedSession_TOK4() {
        Sessions sessions = sessions(Duration.ZERO);
        IssuedRefreshToken current = sessions.start("alice", true, List.of("pwd"), ORIGIN);
        IssuedRefreshToken laptop = sessions.start("alice", true, List.of("pwd"), ORIGIN);
        IssuedRefreshToken phone = sessions.start("alice", true, List.of("pwd"), ORIGIN);

        assertThat(sessions.revokeAll("alice", current.sessionId(), "logout_others")).isEqualTo(2);
        assertThat(sessions.isActive(current.sessionId())).isTrue();
        assertThat(sessions.isActive(laptop.sessionId())).isFalse();
        assertThat(sessions.isActive(phone.sessionId())).isFalse();

        assertThat(sessions.revokeAll("alice", null, "password_reset")).isEqualTo(1);
        assertThat(sessions.isActive(current.sessionId())).isFalse();
    }

    @Test
    void listShowsActiveSessionsWithDeviceAndCurrentFlag_TOK5() {
        Sessions sessions = sessions(Duration.ZERO);
        IssuedRefreshToken older = sessions.start("alice", true, List.of("pwd"), ORIGIN);
        clock.advance(Duration.ofMinutes(5));
        IssuedRefreshToken newer = sessions.start("alice", true, List.of("pwd"),
                new RequestOrigin("198.51.100.2", "curl/8.14.1", "req-2"));
        IssuedRefreshToken ended = sessions.start("alice", true, List.of("pwd"), ORIGIN);
        sessions.revoke("alice", ended.sessionId(), "logout");

        List<SessionView> list = sessions.list("alice", older.sessionId());

        assertThat(list).extracting(SessionView::id).containsExactly(newer.sessionId(), older.sessionId());
        SessionView current = list.get(1);
        assertThat(current.current()).isTrue();
        assertThat(current.device()).isEqualTo("Firefox on Linux");
        assertThat(current.ip()).isEqualTo("203.0.113.7");
        assertThat(current.createdAt()).isEqualTo(T0);
        assertThat(list.get(0).current()).isFalse();
        assertThat(sessions.list("bob", null)).isEmpty();
    }

    @Test
    void cleanupPurgesEndedSessionsAndSpentTokensAfterTheRetentionOnly_OPS5() {
        Sessions sessions = sessions(Duration.ZERO);
        IssuedRefreshToken ended = sessions.start("alice", true, List.of("pwd"), ORIGIN);
        IssuedRefreshToken live = sessions.start("alice", true, List.of("pwd"), ORIGIN);
        sessions.rotate(live.refreshToken(), ORIGIN);
        sessions.revoke("alice", ended.sessionId(), "logout");
        SessionRepository repository = new SessionRepository(jdbc);
        RefreshTokenRepository tokens = new RefreshTokenRepository(jdbc);

        assertThat(tokens.purgeBefore(T0.minus(Duration.ofDays(1)))).isZero();
        assertThat(repository.purgeEndedBefore(T0.minus(Duration.ofDays(1)))).isZero();

        Instant later = T0.plus(Duration.ofDays(31));
        assertThat(tokens.purgeBefore(later.minus(Duration.ofDays(30)))).as("the spent token").isEqualTo(1);
        assertThat(repository.purgeEndedBefore(later.minus(Duration.ofDays(30)))).isEqualTo(1);
        assertThat(repository.find(ended.sessionId())).isEmpty();
        assertThat(repository.find(live.sessionId())).isPresent();
        assertThat(sessions.isActive(live.sessionId())).isTrue();
    }

    private List<Boolean> race(Callable<Boolean> attempt) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Boolean>> futures = new ArrayList<>();
        for (int i = 0; i < RACERS; i++) {
            futures.add(pool.submit(() -> {
                start.await();
                return attempt.call();
            }));
        }
        start.countDown();
        List<Boolean> outcomes = new ArrayList<>();
        for (Future<Boolean> future : futures) {
            outcomes.add(future.get());
        }
        return outcomes;
    }

    private static boolean succeeded(Runnable action) {
        try {
            action.run();
            return true;
        } catch (ProblemException refused) {
            return false;
        }
    }
}
