package dev.portcullis.identity;

import java.security.SecureRandom;
import java.time.Clock;

import javax.sql.DataSource;

import org.springframework.jdbc.core.simple.JdbcClient;

import dev.portcullis.shared.SecretTokens;

/** For tests and benchmarks of other modules: real Users over a test database. */
public final class TestUsers {

    private TestUsers() {
    }

    public static Users on(DataSource dataSource, Clock clock) {
        return new Users(JdbcClient.create(dataSource), new SecretTokens(new SecureRandom()), clock);
    }
}
