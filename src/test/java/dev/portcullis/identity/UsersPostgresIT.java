package dev.portcullis.identity;

import dev.portcullis.testing.TestDatabases;

class UsersPostgresIT extends UsersContract {

    @Override
    TestDatabases.Kind kind() {
        return TestDatabases.Kind.POSTGRESQL;
    }
}
