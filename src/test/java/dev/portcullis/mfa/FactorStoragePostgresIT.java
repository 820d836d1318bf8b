package dev.portcullis.mfa;

import dev.portcullis.testing.TestDatabases;

class FactorStoragePostgresIT extends FactorStorageContract {

    @Override
    TestDatabases.Kind kind() {
        return TestDatabases.Kind.POSTGRESQL;
    }
}
