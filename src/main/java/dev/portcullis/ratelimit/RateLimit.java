package dev.portcullis.ratelimit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One limit of a policy: at most {@code capacity} requests per {@code period} for each value of
 * {@code key}. Written {@code "ip+account 5/15m"}; a policy is a comma-separated list of them, or
 * {@code off}.
 */
record RateLimit(RateKeyKind key, long capacity, Duration period) {

    private static final Pattern ONE = Pattern.compile("\\s*(\\S+)\\s+(\\d{1,9})\\s*/\\s*(\\d{1,6})([smhd])\\s*");

    RateLimit {
        if (capacity < 1) {
            throw new IllegalArgumentException("a limit allows at least 1 request");
        }
        if (period.compareTo(Duration.ofSeconds(1)) < 0 || period.compareTo(Duration.ofDays(31)) > 0) {
            throw new IllegalArgumentException("a limit's period is between 1s and 31d");
        }
    }

    /** Parses a policy's limits; {@code off} or blank means none. */
    static List<RateLimit> parseList(String spec) {
        String s = spec == null ? "" : spec.strip();
        if (s.isEmpty() || s.equalsIgnoreCase("off")) {
            return List.of();
        }
        List<RateLimit> limits = new ArrayList<>();
        for (String part : s.split(",")) {
            limits.add(parse(part));
        }
        return List.copyOf(limits);
    }

    static RateLimit parse(String text) {
        Matcher m = ONE.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text.strip() + "' is not '<key> <count>/<period>', e.g. 'ip 5/15m'");
        }
        long amount = Long.parseLong(m.group(3));
        Duration period = switch (m.group(4).toLowerCase(Locale.ROOT)) {
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofDays(amount);
        };
        return new RateLimit(RateKeyKind.parse(m.group(1)), Long.parseLong(m.group(2)), period);
    }

    /**
     * The name in RateLimit headers and bucket keys, e.g. {@code login.ip+account.15m}: a policy
     * may count one key over two windows, and each limit needs a name of its own.
     */
    String name(RatePolicy policy) {
        return policy.label() + "." + key.label() + "." + window();
    }

    /** The period as written: {@code 15m}, {@code 1h}, {@code 1d}, {@code 90s}. */
    String window() {
        long s = period.toSeconds();
        if (s % 86_400 == 0) {
            return s / 86_400 + "d";
        }
        if (s % 3_600 == 0) {
            return s / 3_600 + "h";
        }
        return s % 60 == 0 ? s / 60 + "m" : s + "s";
    }

    @Override
    public String toString() {
        return key.label() + " " + capacity + "/" + period.toSeconds() + "s";
    }
}
