package dev.portcullis.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.portcullis.PortcullisApplication;
import dev.portcullis.testing.TestDatabases;
import dev.portcullis.testing.TestDatabases.TestDatabase;

/**
 * OPS-2: a real Portcullis started against a database that drifted from the migrations refuses to
 * start, and starts when {@code portcullis.db.allow-schema-drift=true}. Runs on H2 and PostgreSQL.
 */
abstract class SchemaDriftContract {

    abstract TestDatabases.Kind kind();

    @Test
    void startOnFreshDatabaseMigratesAndStarts_OPS2() {
        TestDatabase db = TestDatabases.empty(kind());
        try (ConfigurableApplicationContext app = start(db, false)) {
            assertThat(JdbcClient.create(db.dataSource()).sql("SELECT COUNT(*) FROM audit_event").query(Long.class)
                    .single()).isZero();
        }
    }

    @Test
    void startWhenAppliedMigrationChecksumChangedThenFailsUnlessAllowed_OPS2() {
        TestDatabase db = TestDatabases.fresh(kind());
        sql(db, "UPDATE flyway_schema_history SET checksum = checksum + 1 WHERE version = '1'");

        assertRefused(db, "migration 1", "checksum");
        startAllowed(db);
    }

    @Test
    void startWhenNewerVersionMigratedTheDatabaseThenFailsUnlessAllowed_OPS2() {
        TestDatabase db = TestDatabases.fresh(kind());
        sql(db, """
                INSERT INTO flyway_schema_history (installed_rank, version, description, type, script, checksum,
                    installed_by, execution_time, success)
                VALUES (99, '99', 'from a newer version', 'SQL', 'V99__from_a_newer_version.sql', 1, 'test', 1, TRUE)
                """);

        assertRefused(db, "migration 99");
        startAllowed(db);
    }

    @Test
    void startWhenColumnDroppedByHandThenFailsUnlessAllowed_OPS2() {
        TestDatabase db = TestDatabases.fresh(kind());
        sql(db, "ALTER TABLE audit_event DROP COLUMN request_id");

        assertRefused(db, "column audit_event.request_id is missing");
        startAllowed(db);
    }

    @Test
    void startWhenMigrationFailedThenFails_OPS2() {
        TestDatabase db = TestDatabases.fresh(kind());
        sql(db, "UPDATE flyway_schema_history SET success = FALSE WHERE version = '1'");

        assertRefused(db, "migration 1", "failed");
    }

    @Test
    void startWhenTableAddedByHandThenFails_OPS2() {
        TestDatabase db = TestDatabases.fresh(kind());
        sql(db, "CREATE TABLE hand_made (id INT)");

        assertRefused(db, "table hand_made is not defined by the migrations");
    }

    private void assertRefused(TestDatabase db, String... expectedInMessage) {
        assertThatThrownBy(() -> start(db, false).close())
                .satisfies(e -> {
                    SchemaDriftException drift = findDrift(e);
                    assertThat(drift).as("a SchemaDriftException in the cause chain of %s", e).isNotNull();
                    assertThat(drift.getMessage()).contains(SchemaDriftCheck.FLAG).contains(expectedInMessage);
                });
    }

    private void startAllowed(TestDatabase db) {
        try (ConfigurableApplicationContext app = start(db, true)) {
            assertThat(app.isRunning()).isTrue();
        }
    }

    private static SchemaDriftException findDrift(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SchemaDriftException drift) {
                return drift;
            }
        }
        return null;
    }

    private static ConfigurableApplicationContext start(TestDatabase db, boolean allowDrift) {
        // As command-line arguments: builder properties() are defaults, which the test profile overrides.
        List<String> args = new ArrayList<>();
        for (String property : db.springProperties()) {
            args.add("--" + property);
        }
        args.add("--server.port=0");
        args.add("--portcullis.db.allow-schema-drift=" + allowDrift);
        return new SpringApplicationBuilder(PortcullisApplication.class).profiles("test").run(args.toArray(String[]::new));
    }

    private static void sql(TestDatabase db, String sql) {
        JdbcClient.create(db.dataSource()).sql(sql).update();
    }
}
