package dev.portcullis.db;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Prints what drifted as a short report instead of a bean-creation stack trace. */
class SchemaDriftFailureAnalyzer extends AbstractFailureAnalyzer<SchemaDriftException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, SchemaDriftException cause) {
        return new FailureAnalysis(cause.getMessage(),
                "Bring the database in line with the migrations, or set " + SchemaDriftCheck.FLAG
                        + "=true to start anyway (not recommended in production).",
                cause);
    }
}
