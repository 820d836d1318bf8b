package dev.portcullis.social;

import dev.portcullis.testing.TestDatabases;

class SocialStorageH2IT extends SocialStorageContract {

    @Override
    TestDatabases.Kind kind() {
        return TestDatabases.Kind.H2;
    }
}
