package dev.portcullis.apikey;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * KEY-1: API keys.
 *
 * @param defaultLifetimeDays lifetime of a key created without {@code expires_in_days} (default 90)
 * @param maxLifetimeDays the longest lifetime a key may be given; keys always expire (default 365)
 * @param maxPerUser how many unrevoked, unexpired keys one account may hold (default 25)
 * @param lastUsedInterval {@code last_used_at} is written at most this often per key (default 1m)
 * @param revocationCheckInterval how long a verified key is trusted before it is looked up again, so
 *        a revocation on another instance takes effect within it (default 1s, as for sessions)
 */
@Validated
@ConfigurationProperties("portcullis.api-keys")
record ApiKeyProperties(
        @DefaultValue("90") @Min(1) @Max(3650) int defaultLifetimeDays,
        @DefaultValue("365") @Min(1) @Max(3650) int maxLifetimeDays,
        @DefaultValue("25") @Min(1) @Max(1000) int maxPerUser,
        @DefaultValue("1m") @NotNull Duration lastUsedInterval,
        @DefaultValue("1s") @NotNull Duration revocationCheckInterval) {
}
