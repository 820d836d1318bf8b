package dev.portcullis.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.portcullis.shared.RequestOrigin;
import dev.portcullis.testing.MutableClock;
import dev.portcullis.testing.TestDatabases;
import dev.portcullis.testing.TestDatabases.TestDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/** AUD-1 storage contract: the same tests on H2 and PostgreSQL, each on a fresh database. */
abstract class AuditLogContract {

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00.123456Z");
    private static final RequestOrigin ORIGIN = new RequestOrigin("2001:db8::1", "Mozilla/5.0 (X11)", "req-abcdef12");

    private final MutableClock clock = new MutableClock(T0);
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private TestDatabase db;
    private AuditLog audit;

    abstract TestDatabases.Kind kind();

    @BeforeEach
    void freshDatabase() {
        db = TestDatabases.fresh(kind());
        audit = new AuditLog(new AuditEventRepository(JdbcClient.create(db.dataSource())), clock, meters);
    }

    @Test
    void recordThenFindReturnsEveryFieldIncludingUnicodeDetails_AUD1() {
        clock.set(Instant.parse("2026-03-01T10:00:00.123456789Z"));
        audit.record(AuditEvent.of("user.blocked", "user-1", ORIGIN).byActor("admin-9")
                .withDetail("reason", "Spam – ünïcødé 🚪 \"quoted\"")
                .withDetail("attempts", 3)
                .withDetail("big", 9_000_000_000L)
                .withDetail("permanent", true));

        AuditPage page = audit.find(AuditQuery.all());

        assertThat(page.total()).isEqualTo(1);
        AuditRecord stored = page.items().get(0);
        assertThat(stored.id()).isPositive();
        assertThat(stored.occurredAt()).isEqualTo(Instant.parse("2026-03-01T10:00:00.123456Z"));
        assertThat(stored.type()).isEqualTo("user.blocked");
        assertThat(stored.userId()).isEqualTo("user-1");
        assertThat(stored.actorId()).isEqualTo("admin-9");
        assertThat(stored.origin()).isEqualTo(ORIGIN);
        assertThat(stored.details()).isEqualTo(Map.of("reason", "Spam – ünïcødé 🚪 \"quoted\"", "attempts", 3,
                "big", 9_000_000_000L, "permanent", true));
    }

    @Test
    void recordFromSystemJobWithoutUserOrDetailsRoundTrips_AUD1() {
        audit.record(new AuditEvent("cleanup.ran", null, null, RequestOrigin.system(), Map.of()));

        AuditRecord stored = audit.find(AuditQuery.all()).items().get(0);
        assertThat(stored.userId()).isNull();
        assertThat(stored.actorId()).isNull();
        assertThat(stored.origin()).isEqualTo(RequestOrigin.system());
        assertThat(stored.details()).isEmpty();
    }

    @Test
    void findFiltersByUserTypeAndTimeRange_AUD1() {
        record("login.succeeded", "alice", T0);
        record("login.failed", "alice", T0.plusSeconds(10));
        record("login.failed", "bob", T0.plusSeconds(20));
        record("login.failed", "alice", T0.plusSeconds(30));

        assertThat(audit.find(AuditQuery.forUser("alice")).total()).isEqualTo(3);
        assertThat(audit.find(AuditQuery.all().withType("login.failed")).total()).isEqualTo(3);
        AuditPage aliceFailures = audit.find(AuditQuery.forUser("alice").withType("login.failed"));
        assertThat(aliceFailures.items()).extracting(AuditRecord::occurredAt)
                .containsExactly(T0.plusSeconds(30), T0.plusSeconds(10));
        // from inclusive, to exclusive
        AuditPage window = audit.find(AuditQuery.all().between(T0.plusSeconds(10), T0.plusSeconds(30)));
        assertThat(window.items()).extracting(AuditRecord::userId).containsExactly("bob", "alice");
        assertThat(audit.find(AuditQuery.forUser("carol")).items()).isEmpty();
    }

    @Test
    void findPagesNewestFirstWithTotal_AUD1() {
        // Recorded out of order: the order comes from occurred_at, not from insertion.
        record("login.failed", "alice", T0.plusSeconds(2));
        record("login.failed", "alice", T0);
        record("login.failed", "alice", T0.plusSeconds(4));
        record("login.failed", "alice", T0.plusSeconds(3));
        record("login.failed", "alice", T0.plusSeconds(1));

        AuditPage first = audit.find(AuditQuery.forUser("alice").page(0, 2));
        AuditPage last = audit.find(AuditQuery.forUser("alice").page(2, 2));

        assertThat(first.items()).extracting(AuditRecord::occurredAt)
                .containsExactly(T0.plusSeconds(4), T0.plusSeconds(3));
        assertThat(first.total()).isEqualTo(5);
        assertThat(first.totalPages()).isEqualTo(3);
        assertThat(last.items()).extracting(AuditRecord::occurredAt).containsExactly(T0);
        assertThat(audit.find(AuditQuery.forUser("alice").page(3, 2)).items()).isEmpty();
    }

    @Test
    void findWhenEventsShareAnInstantThenNewestRecordedFirst_AUD1() {
        record("login.failed", "alice", T0);
        record("lockout.started", "alice", T0);

        assertThat(audit.find(AuditQuery.all()).items()).extracting(AuditRecord::type)
                .containsExactly("lockout.started", "login.failed");
    }

    @Test
    void recordWhenDetailsTooLargeThenRefusedAndNothingStored_AUD1() {
        AuditEvent huge = AuditEvent.of("login.failed", "alice", ORIGIN).withDetail("reason", "x".repeat(4000));

        assertThatIllegalArgumentException().isThrownBy(() -> audit.record(huge)).withMessageContaining("4000");
        assertThat(audit.find(AuditQuery.all()).total()).isZero();
    }

    @Test
    void recordInRolledBackTransactionLeavesNoRowAndCountsNothing_AUD1() {
        TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(db.dataSource()));

        assertThatThrownBy(() -> tx.executeWithoutResult(status -> {
            audit.record(AuditEvent.of("login.succeeded", "alice", ORIGIN));
            throw new IllegalStateException("the login failed after all");
        })).hasMessage("the login failed after all");
        tx.executeWithoutResult(status -> audit.record(AuditEvent.of("login.failed", "alice", ORIGIN)));

        assertThat(audit.find(AuditQuery.all()).items()).extracting(AuditRecord::type).containsExactly("login.failed");
        assertThat(meters.find(AuditLog.METRIC).tag("type", "login.succeeded").counter().count()).isZero();
        assertThat(meters.get(AuditLog.METRIC).tag("type", "login.failed").counter().count()).isEqualTo(1);
    }

    @Test
    void recordCountsEventsPerType_AUD3() {
        record("login.failed", "alice", T0);
        record("login.failed", "bob", T0);
        record("logout", "bob", T0);

        assertThat(meters.get(AuditLog.METRIC).tag("type", "login.failed").counter().count()).isEqualTo(2);
        assertThat(meters.get(AuditLog.METRIC).tag("type", "logout").counter().count()).isEqualTo(1);
    }

    private void record(String type, String user, Instant at) {
        clock.set(at);
        audit.record(AuditEvent.of(type, user, ORIGIN));
    }
}
