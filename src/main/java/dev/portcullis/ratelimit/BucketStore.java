package dev.portcullis.ratelimit;

import java.time.Duration;
import java.util.function.Function;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;

/** Where the token buckets of the rate limits live: this instance's memory, or Redis (LOG-4). */
interface BucketStore extends AutoCloseable {

    /**
     * Runs {@code operation} on the bucket stored under {@code key}, created with {@code config}
     * when new. {@code refillTime} is how long a full refill takes; an untouched bucket may be
     * forgotten after it, since a full bucket and a new one are the same.
     */
    <T> T withBucket(String key, BucketConfiguration config, Duration refillTime, Function<Bucket, T> operation);

    @Override
    default void close() {
    }
}
