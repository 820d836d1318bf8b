package dev.portcullis.ratelimit;

import java.time.Duration;
import java.util.function.Function;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.local.LocalBucketBuilder;

/**
 * Buckets in this instance's memory (the dev default, and the fallback while Redis is away). The
 * cache is bounded so that an attacker cycling through made-up emails cannot exhaust the heap; a
 * bucket is forgotten once it would have refilled completely, when forgetting it changes nothing.
 */
final class MemoryBucketStore implements BucketStore {

    private record Entry(Bucket bucket, long refillNanos) {
    }

    private final Cache<String, Entry> buckets;
    private final TimeMeter time;

    MemoryBucketStore(int maxKeys, TimeMeter time) {
        this.time = time;
        this.buckets = Caffeine.newBuilder().maximumSize(maxKeys).expireAfter(new Expiry<String, Entry>() {
            @Override
            public long expireAfterCreate(String key, Entry entry, long currentTime) {
                return entry.refillNanos();
            }

            @Override
            public long expireAfterUpdate(String key, Entry entry, long currentTime, long currentDuration) {
                return entry.refillNanos();
            }

            @Override
            public long expireAfterRead(String key, Entry entry, long currentTime, long currentDuration) {
                return entry.refillNanos();
            }
        }).build();
    }

    @Override
    public <T> T withBucket(String key, BucketConfiguration config, Duration refillTime,
            Function<Bucket, T> operation) {
        return operation.apply(buckets.get(key, k -> {
            LocalBucketBuilder builder = Bucket.builder().withCustomTimePrecision(time);
            for (Bandwidth bandwidth : config.getBandwidths()) {
                builder.addLimit(bandwidth);
            }
            return new Entry(builder.build(), refillTime.toNanos());
        }).bucket());
    }
}
