package dev.portcullis.ratelimit;

import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import javax.crypto.SecretKey;

import dev.portcullis.config.MasterSecret;
import dev.portcullis.shared.ErrorCode;
import dev.portcullis.shared.Hmac;
import dev.portcullis.shared.ProblemException;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;

/**
 * The one place requests are counted against the rate-limit policies (LOG-2, LOG-4). A request
 * takes one token from the bucket of every limit of its policy; when one is empty the request is
 * refused with 429 {@code rate_limited}, {@code Retry-After} and the IETF {@code RateLimit} and
 * {@code RateLimit-Policy} headers. A refused request takes nothing, so a client that waits for
 * Retry-After gets through.
 *
 * <p>Counter keys hold an HMAC of the IP, email or user id, never the value itself: a dump of the
 * Redis store does not list who tried to sign in.
 */
public class RateLimiter {

    /** Counting failures: every token taken is one failure; all come back at once each hour. */
    private static final long FAILURE_CAPACITY = 1000;
    private static final Duration FAILURE_WINDOW = Duration.ofHours(1);
    private static final BucketConfiguration FAILURES_CONFIGURATION = BucketConfiguration.builder()
            .addLimit(b -> b.capacity(FAILURE_CAPACITY).refillIntervally(FAILURE_CAPACITY, FAILURE_WINDOW)).build();

    private final boolean enabled;
    private final Map<RatePolicy, List<RateLimit>> policies;
    private final Map<String, List<RateLimit>> tiers;
    private final BucketStore store;
    private final SecretKey keyHmac;
    private final RateLimitMetrics metrics;

    RateLimiter(RateLimitProperties properties, BucketStore store, MasterSecret masterSecret, RateLimitMetrics metrics) {
        this.enabled = properties.enabled();
        this.policies = properties.policies();
        this.tiers = properties.tiers();
        this.store = store;
        this.keyHmac = masterSecret.deriveKey("rate-limit-keys/v1", Hmac.ALGORITHM);
        this.metrics = metrics;
    }

    /**
     * Counts one request of {@code policy} for {@code subject}.
     *
     * @throws ProblemException 429 {@code rate_limited} when a limit is exhausted
     */
    public void consume(RatePolicy policy, RateSubject subject) {
        consume(policy, policies.get(policy), subject);
    }

    /**
     * LOG-4: counts one authenticated API call. The limits are those of the most generous tier
     * among the caller's roles, else the untiered {@code api} policy.
     */
    public void consumeApiCall(RateSubject subject, Collection<String> roles) {
        consume(RatePolicy.API, limitsForRoles(roles), subject);
    }

    /**
     * LOG-5 "after N failures": failed sign-ins of the subject's account identifier in the current
     * hour, counted in the same store as the limits (so across instances with Redis) and alike for
     * emails with and without an account, so asking for a CAPTCHA reveals nothing either.
     */
    public int recentFailures(RateSubject subject) {
        long available = store.withBucket(failureKey(subject), FAILURES_CONFIGURATION, FAILURE_WINDOW,
                bucket -> bucket.getAvailableTokens());
        return (int) Math.max(0, FAILURE_CAPACITY - available);
    }

    public void recordFailure(RateSubject subject) {
        store.withBucket(failureKey(subject), FAILURES_CONFIGURATION, FAILURE_WINDOW, bucket -> bucket.tryConsume(1));
    }

    /** A success starts the count again. */
    public void clearFailures(RateSubject subject) {
        store.withBucket(failureKey(subject), FAILURES_CONFIGURATION, FAILURE_WINDOW, bucket -> {
            bucket.reset();
            return null;
        });
    }

    private String failureKey(RateSubject subject) {
        return "pc:rl:login-failures.account:" + FAILURE_CAPACITY + "/" + FAILURE_WINDOW.toSeconds() + ":"
                + hmac(subject.valueFor(RateKeyKind.ACCOUNT));
    }

    List<RateLimit> limitsForRoles(Collection<String> roles) {
        List<RateLimit> best = policies.get(RatePolicy.API);
        for (String role : roles) {
            List<RateLimit> tier = tiers.get(role.toLowerCase(Locale.ROOT));
            // No limits at all ("off") is the most generous there is: nothing replaces it.
            if (tier != null && !best.isEmpty() && (tier.isEmpty() || rate(tier) > rate(best))) {
                best = tier;
            }
        }
        return best;
    }

    private void consume(RatePolicy policy, List<RateLimit> limits, RateSubject subject) {
        if (!enabled || limits.isEmpty()) {
            return;
        }
        RateLimitHeaders headers = new RateLimitHeaders(policy, limits);
        for (RateLimit limit : limits) {
            ConsumptionProbe probe = store.withBucket(bucketKey(policy, limit, subject), configuration(limit),
                    limit.period(), bucket -> bucket.tryConsumeAndReturnRemaining(1));
            if (!probe.isConsumed()) {
                metrics.limited(policy);
                throw tooManyRequests(headers.refused(limit, probe));
            }
            headers.allowed(limit, probe);
        }
        metrics.allowed(policy);
        headers.writeToCurrentResponse();
    }

    private static ProblemException tooManyRequests(Map<String, String> headers) {
        return new ProblemException(ErrorCode.RATE_LIMITED, 429,
                "Too many requests. Try again in " + headers.get("Retry-After") + " seconds.", List.of(), headers);
    }

    private static BucketConfiguration configuration(RateLimit limit) {
        return BucketConfiguration.builder()
                .addLimit(b -> b.capacity(limit.capacity()).refillGreedy(limit.capacity(), limit.period())).build();
    }

    /** The requests per second a list of limits allows at its tightest, to compare tiers. */
    private static double rate(List<RateLimit> limits) {
        return limits.stream().mapToDouble(l -> (double) l.capacity() / l.period().toSeconds()).min().orElse(Double.MAX_VALUE);
    }

    /**
     * {@code pc:rl:login.ip+account.15m:5:<hmac>}: the limit's size is part of the key, so a
     * changed configuration starts fresh counters instead of reading old ones with new sizes.
     */
    private String bucketKey(RatePolicy policy, RateLimit limit, RateSubject subject) {
        return "pc:rl:" + limit.name(policy) + ":" + limit.capacity() + ":" + hmac(subject.valueFor(limit.key()));
    }

    private String hmac(String value) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(Hmac.sha256(keyHmac, value), 16));
    }
}
