package dev.portcullis.db;

import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** OPS-2: Flyway owns the schema, and a schema that drifted from the migrations stops startup. */
@Configuration(proxyBeanMethods = false)
class DbConfiguration {

    /**
     * Flyway's default ignores {@code *:future} (migrations applied by a newer version) during
     * validation; we want to hear about every applied migration we do not know. Only pending
     * migrations are expected: {@link SchemaDriftCheck} validates before applying them. With
     * drift allowed, Flyway's own validation inside migrate() would refuse what the operator
     * allowed, so it is switched off and {@link SchemaDriftCheck} reports instead.
     */
    @Bean
    FlywayConfigurationCustomizer driftSensitiveFlyway(DbProperties properties) {
        return configuration -> {
            configuration.ignoreMigrationPatterns("*:pending");
            if (properties.allowSchemaDrift()) {
                configuration.validateOnMigrate(false);
            }
        };
    }

    @Bean
    FlywayMigrationStrategy schemaDriftCheck(DbProperties properties) {
        return new SchemaDriftCheck(properties);
    }
}
