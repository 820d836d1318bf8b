package dev.portcullis.apikey;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;

import javax.sql.DataSource;

import org.springframework.jdbc.core.simple.JdbcClient;

import dev.portcullis.access.TestPermissions;
import dev.portcullis.audit.TestAuditLogs;
import dev.portcullis.config.TestPortcullisConfig;
import dev.portcullis.identity.TestUsers;
import dev.portcullis.shared.SecretTokens;

/** For tests and benchmarks of other modules: real ApiKeys, with the default settings, over a test database. */
public final class TestApiKeys {

    private TestApiKeys() {
    }

    public static ApiKeys on(DataSource dataSource, Clock clock) {
        return new ApiKeys(new ApiKeyRepository(JdbcClient.create(dataSource)), TestUsers.on(dataSource, clock),
                TestPermissions.on(dataSource), TestAuditLogs.on(dataSource, clock), new SecretTokens(new SecureRandom()),
                TestPortcullisConfig.masterSecret(TestPortcullisConfig.MASTER_SECRET),
                new ApiKeyProperties(90, 365, 25, Duration.ofMinutes(1), Duration.ofSeconds(1)), clock);
    }
}
