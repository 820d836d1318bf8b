package dev.portcullis.mfa;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** mfa_totp and mfa_recovery_code: explicit SQL that runs on H2 and PostgreSQL. */
@Repository
class FactorRepository {

    /** One user's authenticator; {@code secret} is the encrypted form. */
    record TotpRow(String userId, String secret, Instant confirmedAt, long lastUsedStep) {

        boolean confirmed() {
            return confirmedAt != null;
        }

        @Override
        public String toString() {
            return "TotpRow[userId=" + userId + ", confirmed=" + confirmed() + ", secret=******]";
        }
    }

    private final JdbcClient jdbc;

    FactorRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<TotpRow> totp(String userId) {
        return jdbc.sql("SELECT user_id, secret, confirmed_at, last_used_step FROM mfa_totp WHERE user_id = :user")
                .param("user", userId)
                .query((rs, n) -> new TotpRow(rs.getString("user_id"), rs.getString("secret"),
                        instant(rs.getTimestamp("confirmed_at")), rs.getLong("last_used_step")))
                .optional();
    }

    boolean enabled(String userId) {
        return jdbc.sql("SELECT COUNT(*) FROM mfa_totp WHERE user_id = :user AND confirmed_at IS NOT NULL")
                .param("user", userId).query(Long.class).single() > 0;
    }

    /**
     * A new, unconfirmed authenticator replacing an unconfirmed one; never a confirmed one (false).
     * Safe under racing enrolments of one user: the last one written is the pending secret.
     */
    boolean savePending(String userId, String encryptedSecret, Instant now) {
        for (int attempt = 0; attempt < 2; attempt++) {
            int replaced = jdbc.sql("UPDATE mfa_totp SET secret = :secret, created_at = :now, last_used_step = 0 "
                    + "WHERE user_id = :user AND confirmed_at IS NULL")
                    .param("secret", encryptedSecret).param("now", Timestamp.from(now)).param("user", userId).update();
            if (replaced == 1) {
                return true;
            }
            if (enabled(userId)) {
                return false;
            }
            try {
                jdbc.sql("INSERT INTO mfa_totp (user_id, secret, created_at, confirmed_at, last_used_step) "
                        + "VALUES (:user, :secret, :now, NULL, 0)")
                        .param("user", userId).param("secret", encryptedSecret).param("now", Timestamp.from(now))
                        .update();
                return true;
            } catch (DuplicateKeyException raced) {
                // Another enrolment inserted first: replace its pending secret on the next pass.
            }
        }
        return false;
    }

    /**
     * MFA-1 replay protection: accepts time step {@code step} only if it is newer than every step
     * accepted before. One conditional UPDATE, so of two instances racing with the same code one wins.
     */
    boolean acceptStep(String userId, long step) {
        return jdbc.sql("UPDATE mfa_totp SET last_used_step = :step WHERE user_id = :user AND last_used_step < :step")
                .param("step", step).param("user", userId).update() == 1;
    }

    /** Turns a pending enrolment on, together with its first accepted step. */
    boolean confirm(String userId, long step, Instant now) {
        return jdbc.sql("UPDATE mfa_totp SET confirmed_at = :now, last_used_step = :step "
                + "WHERE user_id = :user AND confirmed_at IS NULL AND last_used_step < :step")
                .param("now", Timestamp.from(now)).param("step", step).param("user", userId).update() == 1;
    }

    /** Removes every factor of the user; returns whether MFA was on. */
    boolean deleteAll(String userId) {
        boolean wasOn = enabled(userId);
        jdbc.sql("DELETE FROM mfa_recovery_code WHERE user_id = :user").param("user", userId).update();
        jdbc.sql("DELETE FROM mfa_totp WHERE user_id = :user").param("user", userId).update();
        return wasOn;
    }

    void replaceRecoveryCodes(String userId, List<String> hashes, Instant now) {
        jdbc.sql("DELETE FROM mfa_recovery_code WHERE user_id = :user").param("user", userId).update();
        for (String hash : hashes) {
            jdbc.sql("INSERT INTO mfa_recovery_code (user_id, code_hash, created_at) VALUES (:user, :hash, :now)")
                    .param("user", userId).param("hash", hash).param("now", Timestamp.from(now)).update();
        }
    }

    /** MFA-2: uses a code by deleting its row; of any number of racing requests exactly one gets true. */
    boolean useRecoveryCode(String userId, String hash) {
        return jdbc.sql("DELETE FROM mfa_recovery_code WHERE user_id = :user AND code_hash = :hash")
                .param("user", userId).param("hash", hash).update() == 1;
    }

    int remainingRecoveryCodes(String userId) {
        return jdbc.sql("SELECT COUNT(*) FROM mfa_recovery_code WHERE user_id = :user").param("user", userId)
                .query(Long.class).single().intValue();
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
