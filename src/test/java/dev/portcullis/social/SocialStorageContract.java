package dev.portcullis.social;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.portcullis.testing.Races;
import dev.portcullis.testing.TestDatabases;
import dev.portcullis.testing.TestDatabases.TestDatabase;

/**
 * OAU-2 / OAU-4 storage contract, the same tests on H2 and PostgreSQL: a provider account links to one
 * Portcullis account at most ((provider, subject) and (issuer, subject) unique); of 20 racing callbacks
 * with one state, and of 20 racing confirmations of one pending link, exactly one wins; identities go
 * with their account; the cleanup removes only what has expired (OPS-5).
 */
abstract class SocialStorageContract {

    private static final Instant T0 = Instant.parse("2026-05-01T08:00:00Z");
    private static final int RACERS = 20;

    private TestDatabase db;
    private JdbcClient jdbc;
    private ExecutorService pool;

    abstract TestDatabases.Kind kind();

    @BeforeEach
    void freshDatabase() {
        db = TestDatabases.fresh(kind());
        jdbc = JdbcClient.create(db.dataSource());
        for (String user : List.of("user-1", "user-2")) {
            jdbc.sql("INSERT INTO users (id, email, email_key, password_hash, status, locale, created_at, updated_at) "
                    + "VALUES (:id, :email, :email, NULL, 'active', 'en', :t, :t)")
                    .param("id", user).param("email", user + "@example.com").param("t", Timestamp.from(T0)).update();
        }
        pool = Executors.newFixedThreadPool(RACERS);
    }

    @AfterEach
    void stopPool() {
        pool.shutdownNow();
    }

    private static ProviderIdentity identity(String provider, String issuer, String subject) {
        return new ProviderIdentity(provider, issuer, subject, subject + "@example.com", true, null);
    }

    @Test
    void aProviderAccountLinksToOneAccountAtMost_OAU4() {
        IdentityRepository identities = new IdentityRepository(jdbc);
        identities.insert("id-1", "user-1", identity("google", "https://accounts.google.com", "123"), T0);

        assertThatThrownBy(() -> identities.insert("id-2", "user-2",
                identity("google", "https://accounts.google.com", "123"), T0))
                .as("(provider, subject) unique").isInstanceOf(DuplicateKeyException.class);
        assertThatThrownBy(() -> identities.insert("id-3", "user-2",
                identity("google-again", "https://accounts.google.com", "123"), T0))
                .as("(issuer, subject) unique").isInstanceOf(DuplicateKeyException.class);
        identities.insert("id-4", "user-2", identity("acme", "https://id.acme.example", "123"), T0);

        assertThat(identities.find("google", "123")).hasValueSatisfying(r -> assertThat(r.userId()).isEqualTo("user-1"));
        assertThat(identities.ofUser("user-2")).extracting(IdentityRepository.IdentityRow::provider)
                .containsExactly("acme");
        assertThat(identities.lockOfUser("user-1")).containsExactly("id-1");
        assertThat(identities.delete("id-1", "user-2")).as("only the owner's").isFalse();
        assertThat(identities.delete("id-1", "user-1")).isTrue();
        assertThat(identities.countOfUser("user-1")).isZero();
    }

    @Test
    void identitiesGoWithTheirAccount_ACC8() {
        IdentityRepository identities = new IdentityRepository(jdbc);
        identities.insert("id-1", "user-1", identity("github", "https://github.com", "42"), T0);
        jdbc.sql("DELETE FROM users WHERE id = 'user-1'").update();
        assertThat(identities.find("github", "42")).isEmpty();
    }

    @Test
    void twentyRacingCallbacksWithOneStateCompleteOnce_OAU2() throws Exception {
        LoginStateRepository states = new LoginStateRepository(jdbc);
        states.insert("state-1", "browser-1", "acme", "v1.sealed", "/", T0, T0.plus(Duration.ofMinutes(10)));
        states.insert("state-2", "browser-1", "acme", "v1.sealed", "/", T0, T0.plus(Duration.ofMinutes(10)));

        assertThat(states.findOpen("state-1", T0)).hasValueSatisfying(r -> {
            assertThat(r.browserHash()).isEqualTo("browser-1");
            assertThat(r.provider()).isEqualTo("acme");
        });
        assertThat(race(() -> states.markUsed("state-1", T0.plusSeconds(5)))).isEqualTo(1);
        assertThat(states.findOpen("state-1", T0.plusSeconds(6))).isEmpty();
        assertThat(states.findOpen("state-2", T0.plus(Duration.ofMinutes(10)))).as("expired").isEmpty();
        assertThat(states.markUsed("state-2", T0.plus(Duration.ofMinutes(11)))).isFalse();

        assertThat(states.purgeExpiredBefore(T0.plus(Duration.ofMinutes(9)))).isZero();
        assertThat(states.purgeExpiredBefore(T0.plus(Duration.ofHours(1)))).isEqualTo(2);
    }

    @Test
    void twentyRacingConfirmationsOfOnePendingLinkSucceedOnce_OAU4() throws Exception {
        PendingLinkRepository links = new PendingLinkRepository(jdbc);
        ProviderIdentity identity = identity("acme", "https://id.acme.example", "7");
        links.insert("link-1", "user-1", identity, T0, T0.plus(Duration.ofMinutes(15)));

        assertThat(links.findOpen("link-1", T0)).hasValueSatisfying(l -> {
            assertThat(l.userId()).isEqualTo("user-1");
            assertThat(l.identity().subject()).isEqualTo("7");
            assertThat(l.identity().issuer()).isEqualTo("https://id.acme.example");
            assertThat(l.createdAt()).isEqualTo(T0);
        });
        assertThat(race(() -> links.markUsed("link-1", T0.plusSeconds(1)))).isEqualTo(1);
        assertThat(links.findOpen("link-1", T0.plusSeconds(2))).isEmpty();
        assertThat(links.purgeExpiredBefore(T0.plus(Duration.ofHours(1)))).isEqualTo(1);
    }

    private int race(Callable<Boolean> attempt) throws Exception {
        return Races.wins(pool, RACERS, attempt);
    }
}
