package dev.portcullis.auth;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * LOG-3: lockout with exponential backoff, for unknown devices only.
 *
 * @param enabled whether consecutive failures lock an account for unknown devices. Default true.
 * @param threshold consecutive failed sign-ins (from browsers without a device cookie) that lock the
 *        account. Default 10; 3-100.
 * @param baseDuration the first lock's length; each further failure after a lock doubles it.
 *        Default 1m; 1s-1h.
 * @param maxDuration the longest lock. Default 1h; at least base-duration, at most 7d.
 * @param deviceCookieLifetime how long a device cookie, set at every successful sign-in, keeps its
 *        browser's own allowance. Default 180d; 1d-400d.
 */
@ConfigurationProperties("portcullis.lockout")
record LockoutProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("10") int threshold,
        @DefaultValue("1m") Duration baseDuration,
        @DefaultValue("1h") Duration maxDuration,
        @DefaultValue("180d") Duration deviceCookieLifetime) {

    LockoutProperties {
        if (threshold < 3 || threshold > 100) {
            throw new IllegalArgumentException("PORTCULLIS_LOCKOUT_THRESHOLD must be between 3 and 100");
        }
        if (baseDuration == null || baseDuration.compareTo(Duration.ofSeconds(1)) < 0
                || baseDuration.compareTo(Duration.ofHours(1)) > 0) {
            throw new IllegalArgumentException("PORTCULLIS_LOCKOUT_BASE_DURATION must be between 1s and 1h");
        }
        if (maxDuration == null || maxDuration.compareTo(baseDuration) < 0 || maxDuration.compareTo(Duration.ofDays(7)) > 0) {
            throw new IllegalArgumentException(
                    "PORTCULLIS_LOCKOUT_MAX_DURATION must be at least PORTCULLIS_LOCKOUT_BASE_DURATION and at most 7d");
        }
        if (deviceCookieLifetime == null || deviceCookieLifetime.compareTo(Duration.ofDays(1)) < 0
                || deviceCookieLifetime.compareTo(Duration.ofDays(400)) > 0) {
            throw new IllegalArgumentException("PORTCULLIS_LOCKOUT_DEVICE_COOKIE_LIFETIME must be between 1d and 400d");
        }
    }

    /**
     * The lock after {@code failures} consecutive failures: none below the threshold, then
     * base, 2×base, 4×base, … up to the maximum.
     */
    Duration lockFor(int failures) {
        if (!enabled || failures < threshold) {
            return Duration.ZERO;
        }
        int doublings = Math.min(failures - threshold, 30);
        Duration lock = baseDuration.multipliedBy(1L << doublings);
        return lock.compareTo(maxDuration) > 0 || lock.isNegative() ? maxDuration : lock;
    }
}
