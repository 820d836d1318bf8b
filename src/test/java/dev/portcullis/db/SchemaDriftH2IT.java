package dev.portcullis.db;

import dev.portcullis.testing.TestDatabases;

class SchemaDriftH2IT extends SchemaDriftContract {

    @Override
    TestDatabases.Kind kind() {
        return TestDatabases.Kind.H2;
    }
}
