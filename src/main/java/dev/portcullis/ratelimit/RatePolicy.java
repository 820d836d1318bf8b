package dev.portcullis.ratelimit;

import java.util.EnumSet;
import java.util.Set;

/**
 * The named rate-limit policies (LOG-2, LOG-4). Each is configured as
 * {@code portcullis.rate-limit.<label>} and may count only by the keys it has at hand: an
 * anonymous route has no user, an IP-only route no account.
 */
public enum RatePolicy {
    LOGIN("login", EnumSet.of(RateKeyKind.IP, RateKeyKind.ACCOUNT, RateKeyKind.IP_ACCOUNT)),
    SIGNUP("signup", EnumSet.of(RateKeyKind.IP)),
    FORGOT("forgot", EnumSet.of(RateKeyKind.IP, RateKeyKind.ACCOUNT, RateKeyKind.IP_ACCOUNT)),
    VERIFY("verify", EnumSet.of(RateKeyKind.IP)),
    RESEND("resend", EnumSet.of(RateKeyKind.IP, RateKeyKind.ACCOUNT, RateKeyKind.IP_ACCOUNT)),
    REFRESH("refresh", EnumSet.of(RateKeyKind.IP)),
    RESET_GET("reset-get", EnumSet.of(RateKeyKind.IP)),
    RESET_POST("reset-post", EnumSet.of(RateKeyKind.IP)),
    MFA("mfa", EnumSet.of(RateKeyKind.IP, RateKeyKind.USER)),
    /** OAU-2: social sign-in starts and provider callbacks; anonymous, before any account is known. */
    SOCIAL("social", EnumSet.of(RateKeyKind.IP)),
    /** Authenticated API calls; the limits come from the caller's role tier. */
    API("api", EnumSet.of(RateKeyKind.USER));

    private final String label;
    private final Set<RateKeyKind> keys;

    RatePolicy(String label, Set<RateKeyKind> keys) {
        this.label = label;
        this.keys = keys;
    }

    public String label() {
        return label;
    }

    boolean allows(RateKeyKind key) {
        return keys.contains(key);
    }

    /** The environment variable that configures the policy, for error messages. */
    String envName() {
        return "PORTCULLIS_RATE_LIMIT_" + label.toUpperCase(java.util.Locale.ROOT).replace('-', '_');
    }
}
