package dev.portcullis.db;

import dev.portcullis.testing.TestDatabases;

class SchemaDriftPostgresIT extends SchemaDriftContract {

    @Override
    TestDatabases.Kind kind() {
        return TestDatabases.Kind.POSTGRESQL;
    }
}
