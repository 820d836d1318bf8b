package dev.portcullis.ratelimit;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import dev.portcullis.config.TestPortcullisConfig;
import io.github.bucket4j.TimeMeter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/** Builds the rate-limit module by hand, as the application wires it. */
final class TestRateLimits {

    private TestRateLimits() {
    }

    /** Binds {@link RateLimitProperties} as the application does: real defaults, only the named overrides. */
    static RateLimitProperties properties(Map<String, String> overrides) {
        Map<String, String> source = new HashMap<>();
        overrides.forEach((key, value) -> source.put("portcullis.rate-limit." + key, value));
        return new Binder(new MapConfigurationPropertySource(source))
                .bindOrCreate("portcullis.rate-limit", RateLimitProperties.class);
    }

    static TimeMeter time(Clock clock) {
        return new RateLimitConfiguration(properties(Map.of())).rateLimitTime(clock);
    }

    static RateLimiter memoryLimiter(RateLimitProperties properties, Clock clock, SimpleMeterRegistry meters) {
        return new RateLimiter(properties, new MemoryBucketStore(properties.memoryMaxKeys(), time(clock)),
                TestPortcullisConfig.masterSecret(TestPortcullisConfig.MASTER_SECRET), new RateLimitMetrics(meters));
    }
}
