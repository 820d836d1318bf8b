package dev.portcullis.identity;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.NotNull;

/**
 * Account deletion and account-token cleanup (ACC-8, OPS-5).
 *
 * @param deletionGracePeriod a deleted account's personal data is purged this long after the
 *        deletion; until then its address stays reserved. Default 30d; between 1d and 365d.
 * @param tokenRetention expired or used account tokens (verification, reset, email-change links)
 *        are deleted this long after they expired or were used. Default 7d; between 1d (the ACC-3
 *        resend limits count the last 24 hours of tokens) and 90d.
 */
@Validated
@ConfigurationProperties("portcullis.accounts")
record AccountsProperties(
        @DefaultValue("30d") @NotNull Duration deletionGracePeriod,
        @DefaultValue("7d") @NotNull Duration tokenRetention) {

    AccountsProperties {
        if (VerificationProperties.outside(deletionGracePeriod, Duration.ofDays(1), Duration.ofDays(365))) {
            throw new IllegalArgumentException("PORTCULLIS_ACCOUNTS_DELETION_GRACE_PERIOD must be between 1d and 365d");
        }
        if (VerificationProperties.outside(tokenRetention, Duration.ofDays(1), Duration.ofDays(90))) {
            throw new IllegalArgumentException("PORTCULLIS_ACCOUNTS_TOKEN_RETENTION must be between 1d and 90d");
        }
    }
}
