package dev.portcullis.mfa;

import java.time.Duration;
import java.util.Set;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * MFA-1..6: the second factor.
 *
 * @param issuerLabel the name authenticator apps show next to the account (the otpauth issuer).
 *        Default {@code Portcullis}; 1-64 characters, no colon.
 * @param challengeLifetime how long the mfa_token between password and code stays valid (MFA-3).
 *        Default 5m; 1m-15m.
 * @param stepUpWindow how recent a sign-in must be for a sensitive action without a fresh code (MFA-5).
 *        Default 10m; 1m-1h.
 * @param trustedDeviceLifetime how long "remember this device" skips the MFA step (MFA-4).
 *        Default 30d; 1d-90d.
 * @param requiredRoles roles that must use MFA (MFA-6): such a user without MFA gets a token that
 *        can only enrol it. Default {@code admin}; may be empty.
 */
@ConfigurationProperties("portcullis.mfa")
record MfaProperties(
        @DefaultValue("Portcullis") String issuerLabel,
        @DefaultValue("5m") Duration challengeLifetime,
        @DefaultValue("10m") Duration stepUpWindow,
        @DefaultValue("30d") Duration trustedDeviceLifetime,
        @DefaultValue("admin") Set<String> requiredRoles) {

    MfaProperties {
        if (issuerLabel == null || issuerLabel.isBlank() || issuerLabel.length() > 64 || issuerLabel.contains(":")) {
            throw new IllegalArgumentException("PORTCULLIS_MFA_ISSUER_LABEL must be 1-64 characters without a colon");
        }
        requireBetween(challengeLifetime, Duration.ofMinutes(1), Duration.ofMinutes(15),
                "PORTCULLIS_MFA_CHALLENGE_LIFETIME must be between 1m and 15m");
        requireBetween(stepUpWindow, Duration.ofMinutes(1), Duration.ofHours(1),
                "PORTCULLIS_MFA_STEP_UP_WINDOW must be between 1m and 1h");
        requireBetween(trustedDeviceLifetime, Duration.ofDays(1), Duration.ofDays(90),
                "PORTCULLIS_MFA_TRUSTED_DEVICE_LIFETIME must be between 1d and 90d");
        requiredRoles = requiredRoles == null ? Set.of() : Set.copyOf(requiredRoles);
    }

    private static void requireBetween(Duration value, Duration min, Duration max, String message) {
        if (value == null || value.compareTo(min) < 0 || value.compareTo(max) > 0) {
            throw new IllegalArgumentException(message);
        }
    }
}
