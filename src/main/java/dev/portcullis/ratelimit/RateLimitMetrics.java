package dev.portcullis.ratelimit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * {@code portcullis.rate_limit.requests{policy, outcome=allowed|limited}} and
 * {@code portcullis.rate_limit.store_fallbacks}: how often each policy refuses, and how often
 * Redis was away and this instance counted alone.
 */
final class RateLimitMetrics {

    private final MeterRegistry registry;
    private final Counter fallbacks;

    RateLimitMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.fallbacks = Counter.builder("portcullis.rate_limit.store_fallbacks")
                .description("Rate-limit decisions made without the shared Redis store").register(registry);
    }

    void allowed(RatePolicy policy) {
        count(policy, "allowed");
    }

    void limited(RatePolicy policy) {
        count(policy, "limited");
    }

    void fallback() {
        fallbacks.increment();
    }

    private void count(RatePolicy policy, String outcome) {
        registry.counter("portcullis.rate_limit.requests", "policy", policy.label(), "outcome", outcome).increment();
    }
}
