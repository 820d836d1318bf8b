package dev.portcullis.identity;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * Email verification (ACC-2, ACC-3) and email-change confirmation (ACC-6).
 *
 * @param tokenLifetime how long a verification link works. Default 24h (ACC-2); between 5m and 7d.
 * @param resendCooldown a resend within this time of the last verification mail sends nothing. Default 60s (ACC-3).
 * @param resendMaxPerDay most verification mails resent to one account in 24 hours, on top of the sign-up mail.
 *        Default 3 (ACC-3); 1-20.
 * @param emailChangeTokenLifetime how long the link confirming a new address works. Default 24h; between 5m and 7d.
 */
@Validated
@ConfigurationProperties("portcullis.verification")
record VerificationProperties(
        @DefaultValue("24h") @NotNull Duration tokenLifetime,
        @DefaultValue("60s") @NotNull Duration resendCooldown,
        @DefaultValue("3") @Min(1) @Max(20) int resendMaxPerDay,
        @DefaultValue("24h") @NotNull Duration emailChangeTokenLifetime) {

    private static final Duration MIN_LIFETIME = Duration.ofMinutes(5);
    private static final Duration MAX_LIFETIME = Duration.ofDays(7);

    VerificationProperties {
        if (outside(tokenLifetime, MIN_LIFETIME, MAX_LIFETIME)) {
            throw new IllegalArgumentException("PORTCULLIS_VERIFICATION_TOKEN_LIFETIME must be between 5m and 7d");
        }
        if (outside(emailChangeTokenLifetime, MIN_LIFETIME, MAX_LIFETIME)) {
            throw new IllegalArgumentException(
                    "PORTCULLIS_VERIFICATION_EMAIL_CHANGE_TOKEN_LIFETIME must be between 5m and 7d");
        }
        if (resendCooldown == null || resendCooldown.isNegative() || resendCooldown.compareTo(Duration.ofHours(1)) > 0) {
            throw new IllegalArgumentException("PORTCULLIS_VERIFICATION_RESEND_COOLDOWN must be between 0s and 1h");
        }
        if (resendMaxPerDay < 1 || resendMaxPerDay > 20) {
            throw new IllegalArgumentException("PORTCULLIS_VERIFICATION_RESEND_MAX_PER_DAY must be between 1 and 20");
        }
    }

    static boolean outside(Duration value, Duration min, Duration max) {
        return value == null || value.compareTo(min) < 0 || value.compareTo(max) > 0;
    }
}
