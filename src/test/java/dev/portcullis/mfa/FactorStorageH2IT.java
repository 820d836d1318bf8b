package dev.portcullis.mfa;

import dev.portcullis.testing.TestDatabases;

class FactorStorageH2IT extends FactorStorageContract {

    @Override
    TestDatabases.Kind kind() {
        return TestDatabases.Kind.H2;
    }
}
