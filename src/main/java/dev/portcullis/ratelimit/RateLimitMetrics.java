package dev.portcullis.ratelimit;

import java.util.EnumMap;
import java.util.Map;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * {@code portcullis.rate_limit.requests{policy, outcome=allowed|limited}} and
 * {@code portcullis.rate_limit.store_fallbacks}: how often each policy refuses, and how often
 * Redis was away and this instance counted alone.
 */
final class RateLimitMetrics {

    private final Counter fallbacks;
    /** Registered once: looking a counter up in the registry on every request shows in profiles. */
    private final Map<RatePolicy, Counter> allowed = new EnumMap<>(RatePolicy.class);
    private final Map<RatePolicy, Counter> limited = new EnumMap<>(RatePolicy.class);

    RateLimitMetrics(MeterRegistry registry) {
        this.fallbacks = Counter.builder("portcullis.rate_limit.store_fallbacks")
                .description("Rate-limit decisions made without the shared Redis store").register(registry);
        for (RatePolicy policy : RatePolicy.values()) {
            allowed.put(policy, counter(registry, policy, "allowed"));
            limited.put(policy, counter(registry, policy, "limited"));
        }
    }

    void allowed(RatePolicy policy) {
        allowed.get(policy).increment();
    }

    void limited(RatePolicy policy) {
        limited.get(policy).increment();
    }

    void fallback() {
        fallbacks.increment();
    }

    private static Counter counter(MeterRegistry registry, RatePolicy policy, String outcome) {
        return Counter.builder("portcullis.rate_limit.requests").description("Rate-limited requests by policy and outcome")
                .tag("policy", policy.label()).tag("outcome", outcome).register(registry);
    }
}
