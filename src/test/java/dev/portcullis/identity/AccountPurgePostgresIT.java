package dev.portcullis.identity;

import dev.portcullis.testing.TestDatabases;

class AccountPurgePostgresIT extends AccountPurgeContract {

    @Override
    TestDatabases.Kind kind() {
        return TestDatabases.Kind.POSTGRESQL;
    }
}
