package dev.portcullis.session;

import dev.portcullis.testing.TestDatabases;

class SessionsH2IT extends SessionsContract {

    @Override
    TestDatabases.Kind kind() {
        return TestDatabases.Kind.H2;
    }
}
