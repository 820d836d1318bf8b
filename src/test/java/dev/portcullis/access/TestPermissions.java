package dev.portcullis.access;

import javax.sql.DataSource;

import org.springframework.jdbc.core.simple.JdbcClient;

/** For tests and benchmarks of other modules: real Permissions over a test database. */
public final class TestPermissions {

    private TestPermissions() {
    }

    public static Permissions on(DataSource dataSource) {
        return new Permissions(JdbcClient.create(dataSource));
    }
}
