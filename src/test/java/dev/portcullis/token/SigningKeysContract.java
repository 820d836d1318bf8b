package dev.portcullis.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;

import dev.portcullis.config.TestPortcullisConfig;
import dev.portcullis.testing.MutableClock;
import dev.portcullis.testing.TestDatabases;
import dev.portcullis.testing.TestDatabases.TestDatabase;

/** TOK-1 signing-key storage contract: the same tests on H2 and PostgreSQL, each on a fresh database. */
abstract class SigningKeysContract {

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    private final MutableClock clock = new MutableClock(T0);
    private final TokenProperties properties = TestTokens.defaults();
    private final ExecutorService threads = Executors.newFixedThreadPool(2);
    private TestDatabase db;
    private JdbcClient jdbc;
    private SigningKeys keys;

    abstract TestDatabases.Kind kind();

    @BeforeEach
    void freshDatabase() {
        db = TestDatabases.fresh(kind());
        jdbc = JdbcClient.create(db.dataSource());
        keys = TestTokens.signingKeys(db.dataSource(), properties, clock);
    }

    @AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    @Test
    void firstUseCreatesOneKeyWhosePrivateHalfIsStoredEncrypted_TOK1_OPS4() throws Exception {
        SigningKey key = keys.current();

        assertThat(key.kid()).hasSizeGreaterThanOrEqualTo(22); // 128 bits, base64url (PWD-4)
        assertThat(key.algorithm()).isEqualTo(SigningAlgorithm.ES256);
        Map<String, Object> row = jdbc.sql("SELECT * FROM signing_key").query().singleRow();
        String privateColumn = String.valueOf(row.get("private_key"));
        String publicColumn = String.valueOf(row.get("public_jwk"));
        assertThat(row.get("kid")).isEqualTo(key.kid());
        assertThat(row.get("algorithm")).isEqualTo("ES256");
        assertThat(row.get("retired_at")).isNull();
        assertThat(privateColumn).startsWith("v1.").doesNotContain("\"d\"").doesNotContain("P-256");
        JWK published = JWK.parse(publicColumn);
        assertThat(published.isPrivate()).isFalse();
        assertThat(published.getKeyID()).isEqualTo(key.kid());
        String d = JWK.parse(cipher(TestTokens.MASTER_SECRET).decrypt(key.kid(), privateColumn))
                .toECKey().getD().toString();
        assertThat(privateColumn).doesNotContain(d);
        assertThat(publicColumn).doesNotContain(d);
        SigningKeys sameSecret = TestTokens.signingKeys(db.dataSource(), properties, clock);
        assertThat(sameSecret.current().kid()).isEqualTo(key.kid());
        assertThat(keys.current()).isSameAs(key);
    }

    @Test
    void storedKeyDoesNotDecryptUnderAnotherMasterSecret_OPS4() {
        keys.current();
        SigningKeys otherSecret = TestTokens.signingKeys(db.dataSource(),
                TestPortcullisConfig.masterSecret("r7Vd0u3Xc2mT1rY8pLk5sN9wE4hJ6bZaQfGxRvCtUoI="), properties, clock);

        assertThatIllegalStateException().isThrownBy(otherSecret::current)
                .withMessageContaining("cannot decrypt");
    }

    @Test
    void rotationKeepsTheRetiredKeyPublishedUntilItsTokensExpireThenPurgesIt_TOK1() {
        String first = keys.current().kid();
        clock.advance(Duration.ofDays(3));

        String second = keys.rotate();

        assertThat(second).isNotEqualTo(first);
        assertThat(keys.current().kid()).isEqualTo(second);
        assertThat(kids(keys.publicJwks())).containsExactly(second, first);
        assertThat(keys.forVerification(first)).isPresent();
        Duration retention = properties.retiredKeyRetention();
        assertThat(retention).isEqualTo(Duration.ofMinutes(15).plusSeconds(60));

        clock.advance(retention.minusSeconds(1));
        assertThat(keys.purgeExpired()).isZero();
        assertThat(kids(keys.publicJwks())).containsExactly(second, first);

        clock.advance(Duration.ofSeconds(2));
        assertThat(keys.purgeExpired()).isEqualTo(1);
        assertThat(kids(keys.publicJwks())).containsExactly(second);
        assertThat(keys.forVerification(first)).isEmpty();
        assertThat(keys.current().kid()).isEqualTo(second);
    }

    @Test
    void scheduledRotationHappensOnlyOnceTheIntervalHasPassed_TOK1() {
        String first = keys.current().kid();

        clock.advance(properties.keyRotationInterval().minusSeconds(1));
        assertThat(keys.rotateIfDue()).isFalse();
        assertThat(keys.current().kid()).isEqualTo(first);

        clock.advance(Duration.ofSeconds(1));
        assertThat(keys.rotateIfDue()).isTrue();
        assertThat(keys.current().kid()).isNotEqualTo(first);
        assertThat(keys.rotateIfDue()).isFalse();
    }

    @Test
    void twoRotationsRacingFromTheSameKeyCreateExactlyOneNewActiveKey_TOK1() throws Exception {
        long generation = keys.current().generation();
        SigningKeys otherInstance = TestTokens.signingKeys(db.dataSource(), properties, clock);

        List<Boolean> created = race(() -> keys.createNext(generation), () -> otherInstance.createNext(generation));

        assertThat(created).containsExactlyInAnyOrder(true, false);
        assertThat(count("SELECT COUNT(*) FROM signing_key")).isEqualTo(2);
        assertThat(count("SELECT COUNT(*) FROM signing_key WHERE retired_at IS NULL")).isEqualTo(1);
        assertThat(keys.rotateIfDue()).isFalse();
        assertThat(keys.current().kid()).isEqualTo(otherInstance.current().kid());
    }

    @Test
    void twoInstancesStartingOnAnEmptyDatabaseShareOneKey_TOK1() throws Exception {
        SigningKeys otherInstance = TestTokens.signingKeys(db.dataSource(), properties, clock);

        List<Boolean> sameKid = race(() -> keys.current().kid().equals(otherInstance.current().kid()),
                () -> otherInstance.current().kid().equals(keys.current().kid()));

        assertThat(sameKid).containsExactly(true, true);
        assertThat(count("SELECT COUNT(*) FROM signing_key")).isEqualTo(1);
    }

    @Test
    void scheduledRotationRacingOnTwoInstancesRotatesOnce_TOK1() throws Exception {
        keys.current();
        SigningKeys otherInstance = TestTokens.signingKeys(db.dataSource(), properties, clock);
        clock.advance(properties.keyRotationInterval());

        List<Boolean> rotated = race(keys::rotateIfDue, otherInstance::rotateIfDue);

        assertThat(rotated).containsOnlyOnce(true);
        assertThat(count("SELECT COUNT(*) FROM signing_key")).isEqualTo(2);
        assertThat(count("SELECT COUNT(*) FROM signing_key WHERE retired_at IS NULL")).isEqualTo(1);
    }

    @Test
    void aKeyRotatedOnAnotherInstanceIsFoundByKidAtOnceAndSignsHereAfterTheCache_TOK1() {
        String first = keys.current().kid();
        SigningKeys otherInstance = TestTokens.signingKeys(db.dataSource(), properties, clock);
        assertThat(otherInstance.current().kid()).isEqualTo(first);

        String second = keys.rotate();

        assertThat(otherInstance.forVerification(second)).isPresent();
        clock.advance(properties.keyCacheDuration());
        assertThat(otherInstance.current().kid()).isEqualTo(second);
    }

    @Test
    void unknownKidReloadsAtMostOncePerSecond_TOK2() {
        keys.current();
        SigningKeys otherInstance = TestTokens.signingKeys(db.dataSource(), properties, clock);
        otherInstance.current();

        assertThat(otherInstance.forVerification("made-up-kid")).isEmpty(); // this one re-reads
        String rotated = keys.rotate();
        assertThat(otherInstance.forVerification(rotated)).as("within a second of the last re-read").isEmpty();

        clock.advance(SigningKeys.FORCED_RELOAD_MIN_INTERVAL);
        assertThat(otherInstance.forVerification(rotated)).isPresent();
    }

    private static dev.portcullis.shared.AeadCipher cipher(dev.portcullis.config.MasterSecret secret) {
        return new dev.portcullis.shared.AeadCipher(secret.deriveKey(SigningKeys.CIPHER_PURPOSE, "AES"), new java.security.SecureRandom());
    }

    private long count(String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }

    private static List<String> kids(JWKSet set) {
        return set.getKeys().stream().map(JWK::getKeyID).toList();
    }

    /** Runs both at once (released together by a latch) and returns their results in order. */
    private <T> List<T> race(Callable<T> a, Callable<T> b) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<T>> futures = new ArrayList<>();
        for (Callable<T> task : List.of(a, b)) {
            futures.add(threads.submit(() -> {
                start.await();
                return task.call();
            }));
        }
        start.countDown();
        List<T> results = new ArrayList<>();
        for (Future<T> f : futures) {
            results.add(f.get(60, TimeUnit.SECONDS));
        }
        return results;
    }
}
