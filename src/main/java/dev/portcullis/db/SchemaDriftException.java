package dev.portcullis.db;

import java.util.List;

/** Startup refused: the database does not match the migrations of this version (OPS-2). */
final class SchemaDriftException extends RuntimeException {

    private final List<String> differences;

    SchemaDriftException(List<String> differences) {
        super("The database schema does not match this version of Portcullis:\n  - "
                + String.join("\n  - ", differences)
                + "\nFix the database (e.g. restore it, or run the matching Portcullis version), or set "
                + SchemaDriftCheck.FLAG + "=true to start anyway.", null, false, false);
        this.differences = List.copyOf(differences);
    }

    List<String> differences() {
        return differences;
    }
}
