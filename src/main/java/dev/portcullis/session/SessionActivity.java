package dev.portcullis.session;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

/**
 * The per-request question "is this access token's session still active?" (TOK-4: a revoked
 * session's access tokens are refused at once). Answers are cached for
 * {@code revocation-check-interval} (1 s): a revocation on this instance clears its entry at once,
 * one on another instance is seen within that interval, and each session costs the database at most
 * one primary-key read per interval per instance, whatever the request rate.
 */
@Component
class SessionActivity {

    private record Entry(boolean active, Instant checkedAt) {
    }

    /** Only ids from verified tokens get here; the bound keeps memory flat on a very busy instance. */
    private static final int MAX_ENTRIES = 100_000;

    private final SessionRepository sessions;
    private final Clock clock;
    private final Duration interval;
    private final Map<String, Entry> cache = new ConcurrentHashMap<>();

    SessionActivity(SessionRepository sessions, Clock clock, SessionProperties properties) {
        this.sessions = sessions;
        this.clock = clock;
        this.interval = properties.revocationCheckInterval();
    }

    boolean isActive(String sessionId) {
        Instant now = clock.instant();
        Entry cached = cache.get(sessionId);
        if (cached != null && now.isBefore(cached.checkedAt().plus(interval))) {
            return cached.active();
        }
        boolean active = sessions.find(sessionId).map(s -> s.activeAt(now)).orElse(false);
        if (cache.size() >= MAX_ENTRIES) {
            cache.clear();
        }
        cache.put(sessionId, new Entry(active, now));
        return active;
    }

    void forget(String sessionId) {
        cache.remove(sessionId);
    }
}
