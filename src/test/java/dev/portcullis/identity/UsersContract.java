package dev.portcullis.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.portcullis.shared.EmailAddress;
import dev.portcullis.shared.SecretTokens;
import dev.portcullis.testing.MutableClock;
import dev.portcullis.testing.TestDatabases;
import dev.portcullis.testing.TestDatabases.TestDatabase;

/** ACC-1, ACC-2, ACC-4, ACC-5, LOG-1, LOG-3, RST-2 storage contract: the same tests on H2 and PostgreSQL. */
abstract class UsersContract {

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00.123456Z");
    private static final String HASH = "{argon2id}$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2g";
    private static final int RACERS = 20;

    private final MutableClock clock = new MutableClock(T0);
    private final SecretTokens secrets = new SecretTokens(new SecureRandom());
    private JdbcClient jdbc;
    private Users users;
    private AccountTokens tokens;

    abstract TestDatabases.Kind kind();

    @BeforeEach
    void freshDatabase() {
        TestDatabase db = TestDatabases.fresh(kind());
        jdbc = JdbcClient.create(db.dataSource());
        users = new Users(jdbc, secrets, clock);
        tokens = new AccountTokens(jdbc, secrets);
    }

    @Test
    @DisplayName("ADM-1: an account with several roles is read whole, with every role, by id and by address")
    void anAccountIsReadWithAllItsRolesInOneQuery() {
        String id = users.create(EmailAddress.parse("grace@example.com"), HASH, "Grace", Locale.ENGLISH, T0);
        jdbc.sql("INSERT INTO user_role (user_id, role) VALUES (:id, 'admin')").param("id", id).update();

        UserAccount byId = users.findById(id).orElseThrow();
        UserAccount byEmail = users.findByEmail(EmailAddress.parse("GRACE@example.com")).orElseThrow();

        assertThat(byId.roles()).containsExactlyInAnyOrder(Users.DEFAULT_ROLE, "admin");
        assertThat(byEmail.roles()).containsExactlyInAnyOrder(Users.DEFAULT_ROLE, "admin");
        assertThat(byId.displayName()).isEqualTo("Grace");
        assertThat(users.findById("no-such-account")).isEmpty();
    }

    @Test
    @DisplayName("ACC-4, ACC-5: an account round-trips every field and is found whatever the case of the address")
    void createThenFindByEmailInAnyCase() {
        String id = users.create(EmailAddress.parse("Ada.Lovelace@Example.com"), HASH, "Ada ✨", Locale.GERMAN, T0);

        UserAccount account = users.findByEmail(EmailAddress.parse("ADA.LOVELACE@example.COM")).orElseThrow();

        assertThat(account.id()).isEqualTo(id).hasSize(22).matches("[A-Za-z0-9_-]+"); // 128 bits, PWD-4
        assertThat(account.email().value()).isEqualTo("Ada.Lovelace@example.com");
        assertThat(account.email().key()).isEqualTo("ada.lovelace@example.com");
        assertThat(account.passwordHash()).isEqualTo(HASH);
        assertThat(account.displayName()).isEqualTo("Ada ✨");
        assertThat(account.status()).isEqualTo(UserStatus.ACTIVE);
        assertThat(account.emailVerified()).isFalse();
        assertThat(account.roles()).containsExactly(Users.DEFAULT_ROLE);
        assertThat(account.locale()).isEqualTo(Locale.GERMAN);
        assertThat(account.createdAt()).isEqualTo(T0);
        assertThat(account.updatedAt()).isEqualTo(T0);
        assertThat(account.failedLoginCount()).isZero();
        assertThat(account.lockedUntil()).isNull();
        assertThat(account.lastLoginAt()).isNull();
        assertThat(account.toString()).doesNotContain(HASH);
        assertThat(users.findById(id)).contains(account);
        assertThat(users.findById("nobody")).isEmpty();
        assertThat(users.findByEmail(EmailAddress.parse("other@example.com"))).isEmpty();
    }

    @Test
    @DisplayName("ACC-4: a second account whose address differs only in case is refused by the unique key")
    void createWhenAddressDiffersOnlyInCaseThenDuplicateKey() {
        users.create(EmailAddress.parse("ada@example.com"), HASH, null, Locale.ENGLISH, T0);

        assertThatThrownBy(() -> users.create(EmailAddress.parse("ADA@Example.com"), HASH, null, Locale.ENGLISH, T0))
                .isInstanceOf(DuplicateKeyException.class);
        assertThat(count("SELECT COUNT(*) FROM users")).isEqualTo(1);
    }

    @Test
    @DisplayName("ACC-1: concurrent sign-ups of one address create exactly one account")
    void concurrentCreateOfOneAddressCreatesExactlyOne() throws Exception {
        List<Boolean> results = race(i -> {
            try {
                users.create(EmailAddress.parse(i % 2 == 0 ? "race@example.com" : "RACE@example.com"), HASH, null,
                        Locale.ENGLISH, T0);
                return true;
            } catch (DuplicateKeyException expected) {
                return false;
            }
        });

        assertThat(results).containsOnlyOnce(true);
        assertThat(count("SELECT COUNT(*) FROM users")).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM user_role")).isEqualTo(1);
    }

    @Test
    @DisplayName("LOG-1: statusOf reads status and verification in one lookup; unknown ids are empty")
    void statusOfReflectsStatusAndVerification() {
        String id = users.create(EmailAddress.parse("ada@example.com"), HASH, null, Locale.ENGLISH, T0);

        assertThat(users.statusOf(id)).contains(new UserStatusSnapshot(UserStatus.ACTIVE, false));
        assertThat(users.statusOf(id).orElseThrow().mayAuthenticate()).isFalse();
        assertThat(users.markEmailVerified(id, T0.plusSeconds(5))).isTrue();
        assertThat(users.markEmailVerified(id, T0.plusSeconds(6))).as("already verified").isFalse();
        assertThat(users.statusOf(id)).contains(new UserStatusSnapshot(UserStatus.ACTIVE, true));
        assertThat(users.statusOf(id).orElseThrow().mayAuthenticate()).isTrue();
        assertThat(users.findById(id).orElseThrow().emailVerifiedAt()).isEqualTo(T0.plusSeconds(5));

        jdbc.sql("UPDATE users SET status = 'blocked' WHERE id = :id").param("id", id).update();
        assertThat(users.statusOf(id)).contains(new UserStatusSnapshot(UserStatus.BLOCKED, true));
        assertThat(users.statusOf(id).orElseThrow().mayAuthenticate()).isFalse();
        assertThat(users.statusOf("nobody")).isEmpty();
        assertThat(users.statusOf(null)).isEmpty();
    }

    @Test
    @DisplayName("LOG-3: failures count up atomically, a lock can be set, a success resets both")
    void loginBookkeeping() throws Exception {
        String id = users.create(EmailAddress.parse("ada@example.com"), HASH, null, Locale.ENGLISH, T0);

        race(i -> users.recordFailedLogin(id, T0.plusSeconds(i)) > 0);
        assertThat(users.recordFailedLogin(id, T0.plusSeconds(60))).isEqualTo(RACERS + 1);
        users.lockUntil(id, T0.plusSeconds(600));
        UserAccount locked = users.findById(id).orElseThrow();
        assertThat(locked.failedLoginCount()).isEqualTo(RACERS + 1);
        assertThat(locked.lastFailedLoginAt()).isEqualTo(T0.plusSeconds(60));
        assertThat(locked.lockedAt(T0.plusSeconds(599))).isTrue();
        assertThat(locked.lockedAt(T0.plusSeconds(600))).isFalse();

        users.recordSuccessfulLogin(id, T0.plusSeconds(700));

        UserAccount after = users.findById(id).orElseThrow();
        assertThat(after.failedLoginCount()).isZero();
        assertThat(after.lockedUntil()).isNull();
        assertThat(after.lastLoginAt()).isEqualTo(T0.plusSeconds(700));
        assertThat(users.recordFailedLogin("nobody", T0)).isZero();
    }

    @Test
    @DisplayName("PWD-1, RST-2: a re-hash replaces the hash; setting a password also clears the lockout")
    void passwordUpdates() {
        String id = users.create(EmailAddress.parse("ada@example.com"), HASH, null, Locale.ENGLISH, T0);
        users.recordFailedLogin(id, T0);
        users.lockUntil(id, T0.plusSeconds(600));
        clock.set(T0.plusSeconds(1));

        users.updatePasswordHash(id, HASH + "2");
        assertThat(users.findById(id).orElseThrow().passwordHash()).isEqualTo(HASH + "2");
        assertThat(users.findById(id).orElseThrow().updatedAt()).isEqualTo(T0.plusSeconds(1));

        users.setPassword(id, HASH + "3", true, T0.plusSeconds(2));
        UserAccount after = users.findById(id).orElseThrow();
        assertThat(after.passwordHash()).isEqualTo(HASH + "3");
        assertThat(after.failedLoginCount()).isZero();
        assertThat(after.lockedUntil()).isNull();
        assertThat(after.emailVerifiedAt()).isEqualTo(T0.plusSeconds(2));
        assertThatThrownBy(() -> users.updatePasswordHash(id, " ")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("ACC-6: an address change takes the new unique key; a taken address is refused")
    void changeEmail() {
        String ada = users.create(EmailAddress.parse("ada@example.com"), HASH, null, Locale.ENGLISH, T0);
        users.create(EmailAddress.parse("bob@example.com"), HASH, null, Locale.ENGLISH, T0);

        users.changeEmail(ada, EmailAddress.parse("Ada@New.example"), T0.plusSeconds(1));

        assertThat(users.findByEmail(EmailAddress.parse("ada@new.example")).orElseThrow().id()).isEqualTo(ada);
        assertThat(users.findByEmail(EmailAddress.parse("ada@example.com"))).isEmpty();
        assertThatThrownBy(() -> users.changeEmail(ada, EmailAddress.parse("BOB@example.com"), T0))
                .isInstanceOf(DuplicateKeyException.class);
    }

    @Test
    @DisplayName("ACC-2, RST-2: 20 parallel consumes of one token succeed exactly once")
    void tokenIsConsumedExactlyOnceUnderConcurrency() throws Exception {
        String id = users.create(EmailAddress.parse("ada@example.com"), HASH, null, Locale.ENGLISH, T0);
        String raw = tokens.issue(id, AccountTokenPurpose.PASSWORD_RESET, null, T0, T0.plus(Duration.ofMinutes(15)));
        String hash = tokens.findUsable(raw, AccountTokenPurpose.PASSWORD_RESET, T0).orElseThrow().tokenHash();

        List<Boolean> results = race(i -> tokens.consume(hash, T0.plusSeconds(1)));

        assertThat(results).containsOnlyOnce(true);
        assertThat(tokens.findUsable(raw, AccountTokenPurpose.PASSWORD_RESET, T0.plusSeconds(2))).isEmpty();
    }

    @Test
    @DisplayName("PWD-4, ACC-2: only the SHA-256 is stored; tokens are bound to their purpose and expire")
    void tokensAreHashedPurposeBoundAndExpire() {
        String id = users.create(EmailAddress.parse("ada@example.com"), HASH, null, Locale.ENGLISH, T0);
        String raw = tokens.issue(id, AccountTokenPurpose.VERIFY_EMAIL, null, T0, T0.plus(Duration.ofHours(24)));

        assertThat(raw).hasSizeGreaterThanOrEqualTo(43);
        assertThat(jdbc.sql("SELECT token_hash FROM account_token").query(String.class).single())
                .isEqualTo(SecretTokens.hash(raw)).isNotEqualTo(raw);
        assertThat(tokens.findUsable(raw, AccountTokenPurpose.VERIFY_EMAIL, T0)).isPresent();
        assertThat(tokens.findUsable(raw, AccountTokenPurpose.PASSWORD_RESET, T0)).as("other purpose").isEmpty();
        assertThat(tokens.findUsable(raw, AccountTokenPurpose.VERIFY_EMAIL, T0.plus(Duration.ofHours(24))))
                .as("expired").isEmpty();
        String hash = SecretTokens.hash(raw);
        assertThat(tokens.consume(hash, T0.plus(Duration.ofHours(24)))).as("expired").isFalse();
        assertThat(tokens.findUsable("x".repeat(5000), AccountTokenPurpose.VERIFY_EMAIL, T0)).isEmpty();
        assertThat(tokens.findUsable(null, AccountTokenPurpose.VERIFY_EMAIL, T0)).isEmpty();
    }

    @Test
    @DisplayName("RST-1, ACC-3: invalidating ends every unused token of one purpose; counts and last issue time")
    void invalidateCountAndLastIssued() {
        String id = users.create(EmailAddress.parse("ada@example.com"), HASH, null, Locale.ENGLISH, T0);
        String first = tokens.issue(id, AccountTokenPurpose.PASSWORD_RESET, null, T0, T0.plusSeconds(900));
        String verify = tokens.issue(id, AccountTokenPurpose.VERIFY_EMAIL, null, T0, T0.plusSeconds(900));
        String second = tokens.issue(id, AccountTokenPurpose.PASSWORD_RESET, null, T0.plusSeconds(10),
                T0.plusSeconds(910));

        assertThat(tokens.countIssuedSince(id, AccountTokenPurpose.PASSWORD_RESET, T0)).isEqualTo(2);
        assertThat(tokens.countIssuedSince(id, AccountTokenPurpose.PASSWORD_RESET, T0.plusSeconds(5))).isEqualTo(1);
        assertThat(tokens.lastIssued(id, AccountTokenPurpose.PASSWORD_RESET)).contains(T0.plusSeconds(10));
        assertThat(tokens.lastIssued(id, AccountTokenPurpose.EMAIL_CHANGE)).isEmpty();

        assertThat(tokens.invalidateAll(id, AccountTokenPurpose.PASSWORD_RESET, T0.plusSeconds(20))).isEqualTo(2);

        assertThat(tokens.findUsable(first, AccountTokenPurpose.PASSWORD_RESET, T0.plusSeconds(21))).isEmpty();
        assertThat(tokens.findUsable(second, AccountTokenPurpose.PASSWORD_RESET, T0.plusSeconds(21))).isEmpty();
        assertThat(tokens.findUsable(verify, AccountTokenPurpose.VERIFY_EMAIL, T0.plusSeconds(21))).isPresent();
        assertThat(tokens.purgeSpentBefore(T0.plusSeconds(15))).as("nothing spent yet").isZero();
        assertThat(tokens.purgeSpentBefore(T0.plusSeconds(21))).as("the two used ones").isEqualTo(2);
        assertThat(tokens.purgeSpentBefore(T0.plusSeconds(905))).as("then the expired one").isEqualTo(1);
    }

    private interface Racer {
        boolean run(int index) throws Exception;
    }

    /** Runs {@value #RACERS} calls at once (released together by a latch) and returns their results. */
    private static List<Boolean> race(Racer racer) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(RACERS);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Boolean>> futures = new ArrayList<>();
            for (int i = 0; i < RACERS; i++) {
                int index = i;
                Callable<Boolean> call = () -> {
                    start.await();
                    return racer.run(index);
                };
                futures.add(pool.submit(call));
            }
            start.countDown();
            List<Boolean> results = new ArrayList<>();
            for (Future<Boolean> f : futures) {
                results.add(f.get(60, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    private long count(String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }
}
