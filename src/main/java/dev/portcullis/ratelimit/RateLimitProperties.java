package dev.portcullis.ratelimit;

import java.time.Duration;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Rate limits (LOG-2, LOG-4). Every policy is a list of limits {@code "<key> <count>/<period>"}
 * where key is {@code ip}, {@code account} (the normalised email, whether or not it exists),
 * {@code ip+account} or {@code user}, and period ends in s, m, h or d; {@code off} removes a
 * policy's limits.
 *
 * @param enabled whether limits apply at all. Default true; prod refuses false.
 * @param store where counters live: {@code memory} (one instance, the default) or {@code redis}
 *        (shared by every instance; needs SPRING_DATA_REDIS_URL).
 * @param onStoreFailure what happens while Redis cannot be reached: {@code local} (default) counts
 *        on this instance alone until Redis answers again, logging and counting each switch;
 *        {@code deny} answers 503 {@code service_unavailable} with Retry-After.
 * @param redisTimeout how long one Redis command may take before the request falls back. Default 250ms.
 * @param memoryMaxKeys most counters the memory store keeps (the least recently used go first).
 *        Default 500000.
 * @param login sign-in. Default {@code ip+account 5/15m, account 100/1d, ip 100/5m}; a browser
 *        holding a valid device cookie counts its account limits on its own (LOG-3).
 * @param signup sign-up. Default {@code ip 3/1h, ip 20/1d}.
 * @param forgot forgotten-password mails. Default {@code account 3/1h, account 10/1d, ip 20/1h}.
 * @param verify email-verification links. Default {@code ip 10/1m, ip 200/1d}.
 * @param resend resending the verification mail. Default {@code account 3/1h, account 10/1d, ip 20/1h}.
 * @param refresh token refresh. Default {@code ip 20/1m, ip 10000/1d}.
 * @param resetGet opening a reset link on the hosted page. Default {@code ip 10/1m, ip 300/1d}.
 * @param resetPost setting a new password with a reset token. Default {@code ip 5/1h, ip 20/1d}.
 * @param mfa second-factor attempts, per challenged user. Default {@code user 5/5m, user 30/1d, ip 30/5m}.
 * @param social social sign-in starts and provider callbacks, per IP (OAU-2). Default {@code ip 30/5m, ip 300/1d}.
 * @param api authenticated API calls per user, for users without a tier. Default
 *        {@code user 600/1m, user 100000/1d}.
 * @param apiTiers per-role limits for authenticated API calls, e.g. {@code admin}; a user with
 *        several tiered roles gets the most generous. Default {@code admin: user 1200/1m, user 200000/1d}.
 */
@ConfigurationProperties("portcullis.rate-limit")
record RateLimitProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("memory") Store store,
        @DefaultValue("local") StoreFailure onStoreFailure,
        @DefaultValue("250ms") Duration redisTimeout,
        @DefaultValue("500000") int memoryMaxKeys,
        @DefaultValue("ip+account 5/15m, account 100/1d, ip 100/5m") String login,
        @DefaultValue("ip 3/1h, ip 20/1d") String signup,
        @DefaultValue("account 3/1h, account 10/1d, ip 20/1h") String forgot,
        @DefaultValue("ip 10/1m, ip 200/1d") String verify,
        @DefaultValue("account 3/1h, account 10/1d, ip 20/1h") String resend,
        @DefaultValue("ip 20/1m, ip 10000/1d") String refresh,
        @DefaultValue("ip 10/1m, ip 300/1d") String resetGet,
        @DefaultValue("ip 5/1h, ip 20/1d") String resetPost,
        @DefaultValue("user 5/5m, user 30/1d, ip 30/5m") String mfa,
        @DefaultValue("ip 30/5m, ip 300/1d") String social,
        @DefaultValue("user 600/1m, user 100000/1d") String api,
        Map<String, String> apiTiers) {

    enum Store {
        MEMORY, REDIS
    }

    enum StoreFailure {
        LOCAL, DENY
    }

    static final Map<String, String> DEFAULT_API_TIERS = Map.of("admin", "user 1200/1m, user 200000/1d");

    RateLimitProperties {
        if (redisTimeout == null || redisTimeout.toMillis() < 10 || redisTimeout.compareTo(Duration.ofSeconds(5)) > 0) {
            throw new IllegalArgumentException("PORTCULLIS_RATE_LIMIT_REDIS_TIMEOUT must be between 10ms and 5s");
        }
        if (memoryMaxKeys < 1000) {
            throw new IllegalArgumentException("PORTCULLIS_RATE_LIMIT_MEMORY_MAX_KEYS must be at least 1000");
        }
        apiTiers = apiTiers == null || apiTiers.isEmpty() ? DEFAULT_API_TIERS : normaliseTiers(apiTiers);
        specs(login, signup, forgot, verify, resend, refresh, resetGet, resetPost, mfa, social, api)
                .forEach((policy, spec) -> checked(policy, spec, policy.envName())); // fails startup on a bad spec
        apiTiers.forEach((role, spec) -> checked(RatePolicy.API, spec, "PORTCULLIS_RATE_LIMIT_API_TIERS_"
                + role.toUpperCase(Locale.ROOT)));
    }

    /** The limits of every policy, parsed; API's are the untiered ones. */
    Map<RatePolicy, List<RateLimit>> policies() {
        Map<RatePolicy, List<RateLimit>> all = new EnumMap<>(RatePolicy.class);
        specs(login, signup, forgot, verify, resend, refresh, resetGet, resetPost, mfa, social, api)
                .forEach((policy, spec) -> all.put(policy, checked(policy, spec, policy.envName())));
        return all;
    }

    /** Role → API limits, roles in lower case. */
    Map<String, List<RateLimit>> tiers() {
        Map<String, List<RateLimit>> tiers = new LinkedHashMap<>();
        apiTiers.forEach((role, spec) -> tiers.put(role, RateLimit.parseList(spec)));
        return tiers;
    }

    private static Map<RatePolicy, String> specs(String login, String signup, String forgot, String verify,
            String resend, String refresh, String resetGet, String resetPost, String mfa, String social,
            String api) {
        Map<RatePolicy, String> specs = new EnumMap<>(RatePolicy.class);
        specs.put(RatePolicy.LOGIN, login);
        specs.put(RatePolicy.SIGNUP, signup);
        specs.put(RatePolicy.FORGOT, forgot);
        specs.put(RatePolicy.VERIFY, verify);
        specs.put(RatePolicy.RESEND, resend);
        specs.put(RatePolicy.REFRESH, refresh);
        specs.put(RatePolicy.RESET_GET, resetGet);
        specs.put(RatePolicy.RESET_POST, resetPost);
        specs.put(RatePolicy.MFA, mfa);
        specs.put(RatePolicy.SOCIAL, social);
        specs.put(RatePolicy.API, api);
        return specs;
    }

    private static List<RateLimit> checked(RatePolicy policy, String spec, String envName) {
        List<RateLimit> limits;
        try {
            limits = RateLimit.parseList(spec);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(envName + ": " + e.getMessage());
        }
        for (RateLimit limit : limits) {
            if (!policy.allows(limit.key())) {
                throw new IllegalArgumentException(envName + ": the " + policy.label() + " policy cannot count by "
                        + limit.key().label());
            }
        }
        return limits;
    }

    private static Map<String, String> normaliseTiers(Map<String, String> tiers) {
        Map<String, String> out = new LinkedHashMap<>();
        tiers.forEach((role, spec) -> out.put(role.strip().toLowerCase(Locale.ROOT), spec));
        return Map.copyOf(out);
    }
}
