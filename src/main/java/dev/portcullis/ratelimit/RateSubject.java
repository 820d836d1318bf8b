package dev.portcullis.ratelimit;

import java.util.Locale;

import dev.portcullis.shared.EmailAddress;

/**
 * Who a rate-limited request is counted against: the client IP, the account identifier it names
 * (the normalised email, whether or not an account has it) and the user it acts as. A limit uses
 * the parts its key names; a missing part counts as one shared unknown value, never as a free pass.
 */
public record RateSubject(String ip, String account, String user) {

    private static final String UNKNOWN = "-";

    public static RateSubject ofIp(String ip) {
        return new RateSubject(ip, null, null);
    }

    /** The email as typed; it is normalised here so that case and Unicode tricks share one counter. */
    public static RateSubject ofAccount(String ip, String email) {
        return new RateSubject(ip, accountKey(email), null);
    }

    public static RateSubject ofAccount(String ip, EmailAddress email) {
        return new RateSubject(ip, email.key(), null);
    }

    public static RateSubject ofUser(String ip, String userId) {
        return new RateSubject(ip, null, userId);
    }

    /**
     * LOG-3: a browser with a valid device cookie counts its account limits apart from everyone
     * else's, so an attacker exhausting the account's allowance does not lock its owner out.
     */
    public RateSubject onTrustedDevice(String deviceId) {
        return new RateSubject(ip, account + "#device:" + deviceId, user);
    }

    String valueFor(RateKeyKind kind) {
        return switch (kind) {
            case IP -> orUnknown(ip);
            case ACCOUNT -> orUnknown(account);
            case IP_ACCOUNT -> orUnknown(ip) + "|" + orUnknown(account);
            case USER -> orUnknown(user);
        };
    }

    private static String accountKey(String email) {
        if (email == null) {
            return UNKNOWN;
        }
        return EmailAddress.isValid(email) ? EmailAddress.parse(email).key() : email.strip().toLowerCase(Locale.ROOT);
    }

    private static String orUnknown(String value) {
        return value == null || value.isEmpty() ? UNKNOWN : value;
    }
}
