package dev.portcullis.token;

import dev.portcullis.testing.TestDatabases;

class SigningKeysH2IT extends SigningKeysContract {

    @Override
    TestDatabases.Kind kind() {
        return TestDatabases.Kind.H2;
    }
}
