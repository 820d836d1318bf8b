package dev.portcullis.ratelimit;

import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import dev.portcullis.config.MasterSecret;
import io.github.bucket4j.TimeMeter;
import io.micrometer.core.instrument.MeterRegistry;

/** Chooses the store (memory or Redis, LOG-4) and wires the limiter and the API quota. */
@Configuration(proxyBeanMethods = false)
class RateLimitConfiguration {

    static final String REDIS_URL = "spring.data.redis.url";

    private final RateLimitProperties properties;

    RateLimitConfiguration(RateLimitProperties properties) {
        this.properties = properties;
    }

    @Bean
    RateLimitMetrics rateLimitMetrics(MeterRegistry registry) {
        return new RateLimitMetrics(registry);
    }

    /** Bucket time from the application clock, so tests can move it. */
    @Bean
    TimeMeter rateLimitTime(Clock clock) {
        return new TimeMeter() {
            @Override
            public long currentTimeNanos() {
                return clock.millis() * 1_000_000L;
            }

            @Override
            public boolean isWallClockBased() {
                return true;
            }
        };
    }

    @Bean(destroyMethod = "close")
    BucketStore bucketStore(TimeMeter time, RateLimitMetrics metrics, Environment env) {
        BucketStore memory = new MemoryBucketStore(properties.memoryMaxKeys(), time);
        if (properties.store() == RateLimitProperties.Store.MEMORY) {
            return memory;
        }
        String url = env.getProperty(REDIS_URL, "");
        if (url.isBlank()) {
            throw new IllegalStateException(
                    "PORTCULLIS_RATE_LIMIT_STORE=redis needs SPRING_DATA_REDIS_URL, e.g. redis://redis.internal:6379");
        }
        return new RedisBucketStore(url.strip(), properties.redisTimeout(), properties.onStoreFailure(), memory, time,
                metrics::fallback);
    }

    @Bean
    RateLimiter rateLimiter(BucketStore store, MasterSecret masterSecret, RateLimitMetrics metrics) {
        return new RateLimiter(properties, store, masterSecret, metrics);
    }
}
