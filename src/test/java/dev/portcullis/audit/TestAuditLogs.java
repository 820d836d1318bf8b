package dev.portcullis.audit;

import java.time.Clock;

import javax.sql.DataSource;

import org.springframework.jdbc.core.simple.JdbcClient;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/** For storage tests of other modules that record audit events: a real AuditLog over a test database. */
public final class TestAuditLogs {

    private TestAuditLogs() {
    }

    public static AuditLog on(DataSource dataSource, Clock clock) {
        return new AuditLog(new AuditEventRepository(JdbcClient.create(dataSource)), clock, new SimpleMeterRegistry());
    }
}
