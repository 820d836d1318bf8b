package dev.portcullis.social;

import dev.portcullis.testing.TestDatabases;

class SocialStoragePostgresIT extends SocialStorageContract {

    @Override
    TestDatabases.Kind kind() {
        return TestDatabases.Kind.POSTGRESQL;
    }
}
