package dev.portcullis.session;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.NotNull;

/**
 * Sessions and refresh tokens (TOK-3..5).
 *
 * @param refreshTokenLifetime sliding lifetime of a refresh token with "remember me"; each rotation
 *        starts it again. Default 30d.
 * @param shortLifetime lifetime without "remember me" (a browser-session sign-in). Default 12h.
 * @param absoluteLifetime a session ends this long after sign-in, however often it is refreshed.
 *        Default 90d.
 * @param reuseGrace a used refresh token presented again within this window is a client race (two
 *        tabs, a lost response), answered with a fresh pair in the same session; later it is theft
 *        and revokes the session. 0 disables the grace. Default 10s.
 * @param revocationCheckInterval how long an instance trusts its cached "session still active"
 *        answer; bounds how late another instance's revocation takes effect. Default 1s.
 * @param retention how long ended sessions and used refresh tokens are kept before the cleanup job
 *        deletes them. Default 30d.
 */
@Validated
@ConfigurationProperties("portcullis.sessions")
record SessionProperties(
        @DefaultValue("30d") @NotNull Duration refreshTokenLifetime,
        @DefaultValue("12h") @NotNull Duration shortLifetime,
        @DefaultValue("90d") @NotNull Duration absoluteLifetime,
        @DefaultValue("10s") @NotNull Duration reuseGrace,
        @DefaultValue("1s") @NotNull Duration revocationCheckInterval,
        @DefaultValue("30d") @NotNull Duration retention) {

    SessionProperties {
        if (reuseGrace.isNegative() || reuseGrace.compareTo(Duration.ofMinutes(1)) > 0) {
            throw new IllegalArgumentException("PORTCULLIS_SESSIONS_REUSE_GRACE must be between 0 and 1m");
        }
        if (revocationCheckInterval.isNegative() || revocationCheckInterval.compareTo(Duration.ofSeconds(2)) > 0) {
            throw new IllegalArgumentException("PORTCULLIS_SESSIONS_REVOCATION_CHECK_INTERVAL must be at most 2s");
        }
        if (absoluteLifetime.compareTo(refreshTokenLifetime) < 0 || refreshTokenLifetime.compareTo(shortLifetime) < 0
                || shortLifetime.isNegative() || shortLifetime.isZero()) {
            throw new IllegalArgumentException(
                    "session lifetimes must satisfy 0 < short-lifetime <= refresh-token-lifetime <= absolute-lifetime");
        }
    }
}
