package dev.portcullis.session;

import dev.portcullis.testing.TestDatabases;

class SessionsPostgresIT extends SessionsContract {

    @Override
    TestDatabases.Kind kind() {
        return TestDatabases.Kind.POSTGRESQL;
    }
}
