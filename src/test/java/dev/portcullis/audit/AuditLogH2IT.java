package dev.portcullis.audit;

import dev.portcullis.testing.TestDatabases;

class AuditLogH2IT extends AuditLogContract {

    @Override
    TestDatabases.Kind kind() {
        return TestDatabases.Kind.H2;
    }
}
