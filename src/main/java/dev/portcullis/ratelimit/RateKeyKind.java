package dev.portcullis.ratelimit;

import java.util.Locale;

/** What a limit counts by (LOG-2, LOG-4). */
enum RateKeyKind {
    /** The client IP, as the web layer resolved it (trusted proxies applied, LOG-6). */
    IP("ip"),
    /** The normalised email, whether or not an account has it, so limits reveal nothing. */
    ACCOUNT("account"),
    /** Client IP and normalised email together. */
    IP_ACCOUNT("ip+account"),
    /** The signed-in user (or, for MFA, the user the challenge belongs to). */
    USER("user");

    private final String label;

    RateKeyKind(String label) {
        this.label = label;
    }

    String label() {
        return label;
    }

    static RateKeyKind parse(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        for (RateKeyKind kind : values()) {
            if (kind.label.equals(t)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown key '" + text.strip() + "' (ip, account, ip+account or user)");
    }
}
