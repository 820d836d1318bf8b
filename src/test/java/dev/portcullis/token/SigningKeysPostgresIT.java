package dev.portcullis.token;

import dev.portcullis.testing.TestDatabases;

class SigningKeysPostgresIT extends SigningKeysContract {

    @Override
    TestDatabases.Kind kind() {
        return TestDatabases.Kind.POSTGRESQL;
    }
}
