package dev.portcullis.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.portcullis.audit.AuditEvent;
import dev.portcullis.audit.AuditLog;
import dev.portcullis.audit.AuditQuery;
import dev.portcullis.audit.TestAuditLogs;
import dev.portcullis.session.Sessions;
import dev.portcullis.session.TestSessions;
import dev.portcullis.shared.EmailAddress;
import dev.portcullis.shared.RequestOrigin;
import dev.portcullis.shared.SecretTokens;
import dev.portcullis.testing.MutableClock;
import dev.portcullis.testing.TestDatabases;
import dev.portcullis.testing.TestDatabases.TestDatabase;

/** ACC-8 purge and OPS-5 token cleanup storage contract: the same tests on H2 and PostgreSQL. */
abstract class AccountPurgeContract {

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private static final String HASH = "{argon2id}$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2g";
    private static final RequestOrigin ORIGIN = new RequestOrigin("203.0.113.7", "JUnit", "req-1");

    private final MutableClock clock = new MutableClock(T0);
    private final SecretTokens secrets = new SecretTokens(new SecureRandom());
    private JdbcClient jdbc;
    private Users users;
    private AccountTokens tokens;
    private Sessions sessions;
    private AuditLog audit;
    private AccountPurge purge;

    abstract TestDatabases.Kind kind();

    @BeforeEach
    void freshDatabase() {
        TestDatabase db = TestDatabases.fresh(kind());
        jdbc = JdbcClient.create(db.dataSource());
        users = new Users(jdbc, secrets, clock);
        tokens = new AccountTokens(jdbc, secrets);
        audit = TestAuditLogs.on(db.dataSource(), clock);
        sessions = TestSessions.on(db.dataSource(), audit, clock);
        purge = new AccountPurge(users, tokens, sessions, audit,
                new TransactionTemplate(new DataSourceTransactionManager(db.dataSource())),
                new AccountsProperties(Duration.ofDays(30), Duration.ofDays(7)), clock);
    }

    @Test
    @DisplayName("ACC-8: an account deleted 31 days ago is purged with its roles, tokens and sessions; "
            + "one deleted 29 days ago and an active one stay; audit events stay")
    void purgeRemovesOnlyAccountsPastTheGracePeriod() {
        String old = account("old@example.com");
        String recent = account("recent@example.com");
        String active = account("active@example.com");
        deleteAt(old, T0);
        deleteAt(recent, T0.plus(Duration.ofDays(2)));
        clock.set(T0.plus(Duration.ofDays(31)));

        assertThat(purge.purgeDeletedAccounts()).isEqualTo(1);

        assertThat(users.findById(old)).isEmpty();
        assertThat(users.findByEmail(EmailAddress.parse("old@example.com"))).as("the address is free").isEmpty();
        assertThat(rows("SELECT COUNT(*) FROM user_role WHERE user_id = :id", old)).isZero();
        assertThat(rows("SELECT COUNT(*) FROM account_token WHERE user_id = :id", old)).isZero();
        assertThat(rows("SELECT COUNT(*) FROM user_session WHERE user_id = :id", old)).isZero();
        assertThat(rows("SELECT COUNT(*) FROM refresh_token", null)).as("only the two kept accounts' tokens")
                .isEqualTo(2);
        assertThat(users.findById(recent).orElseThrow().status()).isEqualTo(UserStatus.DELETED);
        assertThat(rows("SELECT COUNT(*) FROM user_session WHERE user_id = :id", recent)).isEqualTo(1);
        assertThat(users.findById(active).orElseThrow().status()).isEqualTo(UserStatus.ACTIVE);
        assertThat(rows("SELECT COUNT(*) FROM account_token WHERE user_id = :id", active)).isEqualTo(1);
        assertThat(types(old)).contains("account.deleted", "account.purged");
        assertThat(purge.purgeDeletedAccounts()).as("nothing left to purge").isZero();
    }

    @Test
    @DisplayName("ACC-8: a new account can take a purged address")
    void purgedAddressCanBeRegisteredAgain() {
        String old = account("again@example.com");
        deleteAt(old, T0);
        clock.set(T0.plus(Duration.ofDays(31)));
        purge.purgeDeletedAccounts();

        String fresh = users.create(EmailAddress.parse("again@example.com"), HASH, null, Locale.ENGLISH, clock.instant());

        assertThat(fresh).isNotEqualTo(old);
        assertThat(users.findByEmail(EmailAddress.parse("again@example.com")).orElseThrow().id()).isEqualTo(fresh);
    }

    @Test
    @DisplayName("OPS-5: account tokens expired or used longer ago than the retention are purged; live ones stay")
    void spentTokensArePurgedAfterTheRetention() {
        String id = account("tokens@example.com");
        String expired = tokens.issue(id, AccountTokenPurpose.PASSWORD_RESET, null, T0, T0.plus(Duration.ofMinutes(15)));
        String used = tokens.issue(id, AccountTokenPurpose.EMAIL_CHANGE, "new@example.com", T0, T0.plus(Duration.ofDays(1)));
        tokens.consume(SecretTokens.hash(used), T0.plusSeconds(60));
        String recentlyExpired = tokens.issue(id, AccountTokenPurpose.PASSWORD_RESET, null, T0.plus(Duration.ofDays(5)),
                T0.plus(Duration.ofDays(5)).plus(Duration.ofMinutes(15)));
        clock.set(T0.plus(Duration.ofDays(9)));
        String live = tokens.issue(id, AccountTokenPurpose.PASSWORD_RESET, null, clock.instant(),
                clock.instant().plus(Duration.ofMinutes(15)));

        assertThat(purge.purgeSpentTokens()).isEqualTo(3); // the sign-up token (24h), expired, used

        assertThat(hashes()).containsExactlyInAnyOrder(SecretTokens.hash(recentlyExpired), SecretTokens.hash(live));
        assertThat(hashes()).doesNotContain(SecretTokens.hash(expired), SecretTokens.hash(used));
    }

    /** A verified account with a session and a verification token, as after a real sign-up and sign-in. */
    private String account(String email) {
        String id = users.create(EmailAddress.parse(email), HASH, null, Locale.ENGLISH, clock.instant());
        tokens.issue(id, AccountTokenPurpose.VERIFY_EMAIL, null, clock.instant(), clock.instant().plus(Duration.ofDays(1)));
        users.markEmailVerified(id, clock.instant());
        sessions.start(id, true, List.of("pwd"), ORIGIN);
        return id;
    }

    /** What AccountDeletion does in its transaction, at {@code at}. */
    private void deleteAt(String id, Instant at) {
        clock.set(at);
        assertThat(users.markDeleted(id, true, at)).isTrue();
        tokens.invalidateAllOf(id, at);
        sessions.revokeAll(id, null, AccountDeletion.SESSION_REVOKE_REASON);
        audit.record(AuditEvent.of("account.deleted", id, ORIGIN));
    }

    private long rows(String sql, String id) {
        var statement = jdbc.sql(sql);
        return (id == null ? statement : statement.param("id", id)).query(Long.class).single();
    }

    private List<String> hashes() {
        return jdbc.sql("SELECT token_hash FROM account_token").query(String.class).list();
    }

    private List<String> types(String userId) {
        return audit.find(AuditQuery.forUser(userId)).items().stream().map(r -> r.type()).toList();
    }
}
