package dev.portcullis.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.Configuration;
import org.flywaydb.core.api.output.ValidateOutput;
import org.flywaydb.core.api.output.ValidateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;

/**
 * OPS-2: migrates the database, and refuses to start on schema drift unless
 * {@value #FLAG}=true. Two kinds of drift are found:
 * <ol>
 * <li>history drift, before migrating: an applied migration whose checksum changed, one this
 * version does not know (a newer Portcullis ran), or one that failed;</li>
 * <li>structural drift, after migrating: a table or column that the migrations define but the
 * database lacks, or one the database has that no migration defines (a hand-made change).</li>
 * </ol>
 * Drift is refused before migrating when the history already shows it, so a drifted database is
 * not changed further. A failed migration is never started over even with the flag: Flyway itself
 * refuses to migrate past it (run {@code flyway repair} after fixing the database).
 */
final class SchemaDriftCheck implements FlywayMigrationStrategy {

    static final String FLAG = "portcullis.db.allow-schema-drift";
    private static final Logger log = LoggerFactory.getLogger(SchemaDriftCheck.class);

    private final boolean allowDrift;

    SchemaDriftCheck(DbProperties properties) {
        this.allowDrift = properties.allowSchemaDrift();
    }

    @Override
    public void migrate(Flyway flyway) {
        List<String> differences = new ArrayList<>(historyDifferences(flyway.validateWithResult()));
        if (!differences.isEmpty() && !allowDrift) {
            throw new SchemaDriftException(differences);
        }
        flyway.migrate();
        differences.addAll(structuralDifferences(flyway.getConfiguration()));
        if (differences.isEmpty()) {
            return;
        }
        if (!allowDrift) {
            throw new SchemaDriftException(differences);
        }
        log.warn("Starting on a drifted database schema because {}=true: {}", FLAG, String.join("; ", differences));
    }

    private static List<String> historyDifferences(ValidateResult result) {
        if (result.validationSuccessful) {
            return List.of();
        }
        List<String> differences = new ArrayList<>();
        for (ValidateOutput invalid : result.invalidMigrations) {
            String message = invalid.errorDetails == null ? "invalid" : invalid.errorDetails.errorMessage;
            differences.add("migration " + (invalid.version == null || invalid.version.isEmpty()
                    ? invalid.description : invalid.version) + ": " + oneLine(message));
        }
        if (differences.isEmpty()) {
            differences.add(oneLine(result.getAllErrorMessages()));
        }
        return differences;
    }

    private static List<String> structuralDifferences(Configuration configuration) {
        SchemaShape expected = ExpectedSchema.of(configuration);
        String schema = configuration.getDefaultSchema() != null ? configuration.getDefaultSchema()
                : configuration.getSchemas().length > 0 ? configuration.getSchemas()[0] : null;
        try (Connection connection = configuration.getDataSource().getConnection()) {
            return SchemaShape.read(connection, schema, configuration.getTable()).differencesFrom(expected);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the database schema to check it for drift", e);
        }
    }

    private static String oneLine(String message) {
        return message == null ? "" : message.replaceAll("\\s*\\R\\s*", " ").strip();
    }
}
