package dev.portcullis.session;

import java.time.Clock;
import java.util.concurrent.TimeUnit;

import org.springframework.stereotype.Component;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * The per-request question "is this access token's session still active?" (TOK-4: a revoked
 * session's access tokens are refused at once). Answers are cached for
 * {@code revocation-check-interval} (1 s): a revocation on this instance clears its entry at once,
 * one on another instance is seen within that interval, and each session costs the database at most
 * one primary-key read per interval per instance, whatever the request rate.
 */
@Component
class SessionActivity {

    /** Only ids from verified tokens get here; the bound keeps memory flat on a very busy instance. */
    private static final int MAX_ENTRIES = 100_000;

    private final SessionRepository sessions;
    private final Clock clock;
    private final Cache<String, Boolean> cache;

    SessionActivity(SessionRepository sessions, Clock clock, SessionProperties properties) {
        this.sessions = sessions;
        this.clock = clock;
        // Expiry follows the application's Clock, so tests that move time see entries age.
        this.cache = Caffeine.newBuilder().maximumSize(MAX_ENTRIES)
                .expireAfterWrite(properties.revocationCheckInterval())
                .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis())).build();
    }

    boolean isActive(String sessionId) {
        return cache.get(sessionId, id -> sessions.find(id).map(s -> s.activeAt(clock.instant())).orElse(false));
    }

    void forget(String sessionId) {
        cache.invalidate(sessionId);
    }
}
