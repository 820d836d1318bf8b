package dev.portcullis.db;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.UUID;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.configuration.Configuration;

/**
 * The schema this version's migrations define, found by running them on a throwaway in-memory H2
 * (PostgreSQL mode, as dev mode uses). This relies on the project rule that every migration runs
 * unchanged on H2 and on PostgreSQL; the storage tests enforce that rule on both.
 */
final class ExpectedSchema {

    private ExpectedSchema() {
    }

    /**
     * The database-specific folder ({@code db/vendor/<vendor>}, V7_1) holds statements only that
     * database runs — indexes, never tables or columns — so H2's own folder stands in for it here.
     */
    private static String[] onH2(org.flywaydb.core.api.Location[] locations) {
        return java.util.Arrays.stream(locations).map(org.flywaydb.core.api.Location::getDescriptor)
                .map(location -> location.replaceAll("db/vendor/[A-Za-z0-9_]+/?$", "db/vendor/h2"))
                .toArray(String[]::new);
    }

    static SchemaShape of(Configuration live) {
        String url = "jdbc:h2:mem:portcullis_expected_" + UUID.randomUUID()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
        // The in-memory database lives as long as this connection is open, and no longer.
        try (Connection keepAlive = DriverManager.getConnection(url, "sa", "")) {
            Flyway.configure(live.getClassLoader())
                    .dataSource(url, "sa", "")
                    .locations(onH2(live.getLocations()))
                    .placeholders(live.getPlaceholders())
                    .table(live.getTable())
                    .load()
                    .migrate();
            return SchemaShape.read(keepAlive, null, live.getTable());
        } catch (SQLException | FlywayException e) {
            throw new IllegalStateException("cannot derive the expected schema by running the migrations on an "
                    + "in-memory H2 database; every migration must run on H2 and PostgreSQL", e);
        }
    }
}
