package dev.portcullis.identity;

import dev.portcullis.testing.TestDatabases;

class UsersH2IT extends UsersContract {

    @Override
    TestDatabases.Kind kind() {
        return TestDatabases.Kind.H2;
    }
}
