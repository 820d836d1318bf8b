package dev.portcullis.audit;

import dev.portcullis.testing.TestDatabases;

class AuditLogPostgresIT extends AuditLogContract {

    @Override
    TestDatabases.Kind kind() {
        return TestDatabases.Kind.POSTGRESQL;
    }
}
