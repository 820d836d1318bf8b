package dev.portcullis.session;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;

import javax.sql.DataSource;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.portcullis.audit.AuditLog;
import dev.portcullis.shared.SecretTokens;

/** For storage tests of other modules that start or end sessions: real Sessions over a test database, default settings. */
public final class TestSessions {

    private TestSessions() {
    }

    public static Sessions on(DataSource dataSource, AuditLog audit, Clock clock) {
        JdbcClient jdbc = JdbcClient.create(dataSource);
        SessionProperties properties = new SessionProperties(Duration.ofDays(30), Duration.ofHours(12),
                Duration.ofDays(90), Duration.ofSeconds(10), Duration.ofSeconds(1), Duration.ofDays(30));
        SessionRepository repository = new SessionRepository(jdbc);
        return new Sessions(repository, new RefreshTokenRepository(jdbc),
                new SessionActivity(repository, clock, properties), audit, new SecretTokens(new SecureRandom()),
                new TransactionTemplate(new DataSourceTransactionManager(dataSource)), properties, clock);
    }
}
