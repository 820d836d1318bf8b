package dev.portcullis.token;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** signing_key: explicit SQL that runs on H2 and PostgreSQL. */
@Repository
class SigningKeyRepository {

    /** One stored key; {@code privateKey} is the encrypted private JWK, never the plain one. */
    record Row(String kid, String algorithm, long generation, String publicJwk, String privateKey, Instant createdAt,
            Instant retiredAt) {

        @Override
        public String toString() {
            return "SigningKeyRow[kid=" + kid + ", algorithm=" + algorithm + ", generation=" + generation
                    + ", createdAt=" + createdAt + ", retiredAt=" + retiredAt + "]";
        }
    }

    private static final String COLUMNS = "kid, algorithm, generation, public_jwk, private_key, created_at, retired_at";

    private final JdbcClient jdbc;

    SigningKeyRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Every key still published (active and retired-but-not-purged), newest generation first. */
    List<Row> all() {
        return jdbc.sql("SELECT " + COLUMNS + " FROM signing_key ORDER BY generation DESC")
                .query(SigningKeyRepository::row).list();
    }

    /** The highest generation ever stored, 0 on an empty table. */
    long latestGeneration() {
        Long latest = jdbc.sql("SELECT MAX(generation) FROM signing_key").query(Long.class).single();
        return latest == null ? 0 : latest;
    }

    /**
     * Inserts a key; throws {@link org.springframework.dao.DuplicateKeyException} when its generation
     * exists already, i.e. another instance rotated first.
     */
    void insert(Row r) {
        jdbc.sql("INSERT INTO signing_key (" + COLUMNS + ") VALUES (:kid, :alg, :gen, :pub, :priv, :created, NULL)")
                .param("kid", r.kid()).param("alg", r.algorithm()).param("gen", r.generation())
                .param("pub", r.publicJwk()).param("priv", r.privateKey()).param("created", ts(r.createdAt()))
                .update();
    }

    /** Marks every older, still active key retired. */
    int retireOlderThan(long generation, Instant now) {
        return jdbc.sql("UPDATE signing_key SET retired_at = :now WHERE generation < :gen AND retired_at IS NULL")
                .param("now", ts(now)).param("gen", generation).update();
    }

    /** Deletes keys retired before {@code cutoff}: no unexpired token can carry their kid any more. */
    int purgeRetiredBefore(Instant cutoff) {
        return jdbc.sql("DELETE FROM signing_key WHERE retired_at IS NOT NULL AND retired_at < :cutoff")
                .param("cutoff", ts(cutoff)).update();
    }

    private static Row row(ResultSet rs, int n) throws SQLException {
        Timestamp retired = rs.getTimestamp("retired_at");
        return new Row(rs.getString("kid"), rs.getString("algorithm"), rs.getLong("generation"),
                rs.getString("public_jwk"), rs.getString("private_key"), rs.getTimestamp("created_at").toInstant(),
                retired == null ? null : retired.toInstant());
    }

    private static Timestamp ts(Instant instant) {
        return Timestamp.from(instant);
    }
}
