package dev.portcullis.identity;

import dev.portcullis.testing.TestDatabases;

class AccountPurgeH2IT extends AccountPurgeContract {

    @Override
    TestDatabases.Kind kind() {
        return TestDatabases.Kind.H2;
    }
}
