package dev.portcullis.auth;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletRequest;

import dev.portcullis.apikey.TestApiKeys;
import dev.portcullis.audit.TestAuditLogs;
import dev.portcullis.identity.TestUsers;
import dev.portcullis.session.Sessions;
import dev.portcullis.session.TestSessions;
import dev.portcullis.shared.AuthenticatedUser;
import dev.portcullis.shared.RequestOrigin;
import dev.portcullis.testing.TestDatabases;
import dev.portcullis.token.AccessTokenRequest;
import dev.portcullis.token.AccessTokens;
import dev.portcullis.token.TestTokens;

/**
 * TST-5: the per-request guard (LOG-1) as every authenticated request runs it: ES256 verification,
 * then the cached "session live" and "account usable" answers (1 s caches, so a database read about
 * once a second), over an in-memory H2.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class RequestGuardBenchmark {

    private static final String USER = "u0000000000000000000000000000001";

    private AccessGuard guard;
    private MockHttpServletRequest request;

    @Setup
    public void setUp() {
        Clock clock = Clock.systemUTC();
        DataSource db = TestDatabases.h2().dataSource();
        JdbcClient.create(db).sql("INSERT INTO users (id, email, email_key, email_verified_at, password_hash, status, "
                + "locale, created_at, updated_at, failed_login_count) VALUES (:id, 'b@example.com', 'b@example.com', "
                + "CURRENT_TIMESTAMP, 'x', 'active', 'en', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 0)").param("id", USER)
                .update();
        Sessions sessions = TestSessions.on(db, TestAuditLogs.on(db, clock), clock);
        String sessionId = sessions.start(USER, true, List.of("pwd"), new RequestOrigin("127.0.0.1", "bench", null))
                .sessionId();
        AccessTokens tokens = TestTokens.accessTokens(TestTokens.signingKeys(db, TestTokens.defaults(), clock),
                TestTokens.defaults(), clock);
        String token = tokens.issue(new AccessTokenRequest(USER, sessionId, List.of("user"), List.of(), List.of("pwd"),
                Instant.now())).token();
        guard = new AccessGuard(tokens, sessions, TestUsers.on(db, clock), TestApiKeys.on(db, clock));
        request = new MockHttpServletRequest("GET", "/api/v1/me");
        request.addHeader("Authorization", "Bearer " + token);
    }

    @Benchmark
    public Optional<AuthenticatedUser> authenticate() {
        return guard.authenticate(request);
    }
}
