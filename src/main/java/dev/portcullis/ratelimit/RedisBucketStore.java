package dev.portcullis.ratelimit;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.portcullis.shared.ErrorCode;
import dev.portcullis.shared.ProblemException;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;

/**
 * Buckets in Redis, so every instance counts against the same limits (LOG-4). Bucket4j updates a
 * bucket with compare-and-swap, so concurrent instances never lose a request.
 *
 * <p>While Redis cannot be reached, requests are not let through uncounted: with
 * {@code on-store-failure=local} they count against this instance's own buckets (each instance
 * then enforces the limits alone, so a cluster of N lets through up to N times as much), and
 * every fallback is logged and counted; with {@code deny} they get a 503. After a failure Redis
 * is left alone for {@link #QUIET_AFTER_FAILURE} so that a dead server does not add its timeout
 * to every request.
 */
final class RedisBucketStore implements BucketStore, AutoCloseable {

    static final Duration QUIET_AFTER_FAILURE = Duration.ofSeconds(2);
    private static final Logger log = LoggerFactory.getLogger(RedisBucketStore.class);

    private final RedisClient client;
    private final BucketStore local;
    private final RateLimitProperties.StoreFailure onFailure;
    private final TimeMeter time;
    private final Duration timeout;
    private final Runnable onFallback;
    private final Object connectLock = new Object();
    private volatile StatefulRedisConnection<String, byte[]> connection;
    private volatile ProxyManager<String> proxies;
    private volatile long quietUntilNanos;
    private volatile boolean failing;

    RedisBucketStore(String redisUrl, Duration timeout, RateLimitProperties.StoreFailure onFailure, BucketStore local,
            TimeMeter time, Runnable onFallback) {
        RedisURI uri = RedisURI.create(redisUrl);
        uri.setTimeout(timeout);
        this.client = RedisClient.create(uri);
        this.client.setOptions(ClientOptions.builder().autoReconnect(true)
                // A request must not wait for a reconnect: it falls back at once instead.
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .socketOptions(SocketOptions.builder().connectTimeout(timeout.multipliedBy(4)).build())
                .timeoutOptions(TimeoutOptions.enabled(timeout)).build());
        this.local = local;
        this.onFailure = onFailure;
        this.time = time;
        this.timeout = timeout;
        this.onFallback = onFallback;
    }

    @Override
    public <T> T withBucket(String key, BucketConfiguration config, Duration refillTime,
            Function<Bucket, T> operation) {
        ProxyManager<String> manager = System.nanoTime() - quietUntilNanos < 0 ? null : proxies();
        if (manager != null) {
            try {
                T result = operation.apply(manager.builder().build(key, () -> config));
                if (failing) {
                    failing = false;
                    log.info("Redis answers again: rate limits are shared across instances once more");
                }
                return result;
            } catch (RuntimeException e) {
                failed(e);
            }
        }
        return fallback(key, config, refillTime, operation);
    }

    private <T> T fallback(String key, BucketConfiguration config, Duration refillTime, Function<Bucket, T> operation) {
        onFallback.run();
        if (onFailure == RateLimitProperties.StoreFailure.DENY) {
            long seconds = Math.max(1, QUIET_AFTER_FAILURE.toSeconds());
            throw new ProblemException(ErrorCode.SERVICE_UNAVAILABLE, 503,
                    "Rate limits cannot be checked right now; try again in a moment.", List.of(),
                    Map.of("Retry-After", Long.toString(seconds)));
        }
        return local.withBucket(key, config, refillTime, operation);
    }

    private void failed(RuntimeException e) {
        quietUntilNanos = System.nanoTime() + QUIET_AFTER_FAILURE.toNanos();
        if (!failing) {
            failing = true;
            log.warn("Redis cannot be reached for rate limits ({}); {} until it answers again",
                    e.getClass().getSimpleName(), onFailure == RateLimitProperties.StoreFailure.LOCAL
                            ? "counting on this instance alone" : "refusing rate-limited requests with 503");
        }
    }

    private ProxyManager<String> proxies() {
        ProxyManager<String> current = proxies;
        if (current != null) {
            return current;
        }
        synchronized (connectLock) {
            if (proxies == null && System.nanoTime() - quietUntilNanos >= 0) {
                try {
                    connection = client.connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE));
                    proxies = Bucket4jLettuce.casBasedBuilder(connection).clientClock(time).requestTimeout(timeout)
                            .expirationAfterWrite(
                                    ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofSeconds(10)))
                            .build();
                    log.info("Rate limits are stored in Redis and shared by every instance");
                } catch (RuntimeException e) {
                    failed(e);
                }
            }
            return proxies;
        }
    }

    @Override
    public void close() {
        StatefulRedisConnection<String, byte[]> c = connection;
        if (c != null) {
            c.close();
        }
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }
}
