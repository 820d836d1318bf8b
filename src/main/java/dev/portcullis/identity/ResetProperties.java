package dev.portcullis.identity;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.NotNull;

/**
 * Password reset (RST-1, RST-2).
 *
 * @param tokenLifetime how long a reset link works. Default 15m (RST-1); between 5m and 1h (OWASP Forgot
 *        Password Cheat Sheet: short-lived).
 */
@Validated
@ConfigurationProperties("portcullis.reset")
record ResetProperties(@DefaultValue("15m") @NotNull Duration tokenLifetime) {

    ResetProperties {
        if (VerificationProperties.outside(tokenLifetime, Duration.ofMinutes(5), Duration.ofHours(1))) {
            throw new IllegalArgumentException("PORTCULLIS_RESET_TOKEN_LIFETIME must be between 5m and 1h");
        }
    }
}
