package dev.portcullis.social;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** social_login_state: explicit SQL that runs on H2 and PostgreSQL. */
@Repository
class LoginStateRepository {

    record StateRow(String browserHash, String provider, String secrets, String redirectTo) {
    }

    private final JdbcClient jdbc;

    LoginStateRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(String stateHash, String browserHash, String provider, String secrets, String redirectTo, Instant now,
            Instant expiresAt) {
        jdbc.sql("INSERT INTO social_login_state (state_hash, browser_hash, provider, secrets, redirect_to, created_at, "
                + "expires_at, used_at) VALUES (:state, :browser, :provider, :secrets, :redirect, :now, :expires, NULL)")
                .param("state", stateHash).param("browser", browserHash).param("provider", provider)
                .param("secrets", secrets).param("redirect", redirectTo).param("now", Timestamp.from(now))
                .param("expires", Timestamp.from(expiresAt)).update();
    }

    /** The open (unused, unexpired) request with this state hash. */
    Optional<StateRow> findOpen(String stateHash, Instant now) {
        return jdbc.sql("SELECT browser_hash, provider, secrets, redirect_to FROM social_login_state "
                + "WHERE state_hash = :state AND used_at IS NULL AND expires_at > :now")
                .param("state", stateHash).param("now", Timestamp.from(now))
                .query((rs, n) -> new StateRow(rs.getString("browser_hash"), rs.getString("provider"),
                        rs.getString("secrets"), rs.getString("redirect_to")))
                .optional();
    }

    /** OAU-2 single use: true for exactly one caller, and only while the request is open. */
    boolean markUsed(String stateHash, Instant now) {
        return jdbc.sql("UPDATE social_login_state SET used_at = :now WHERE state_hash = :state AND used_at IS NULL "
                + "AND expires_at > :now")
                .param("now", Timestamp.from(now)).param("state", stateHash).update() == 1;
    }

    /** OPS-5: requests past their lifetime can never complete; the cleanup job removes them. */
    int purgeExpiredBefore(Instant before) {
        return jdbc.sql("DELETE FROM social_login_state WHERE expires_at < :before")
                .param("before", Timestamp.from(before)).update();
    }
}
