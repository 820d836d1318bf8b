package dev.portcullis.session;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionOperations;

import dev.portcullis.audit.AuditEvent;
import dev.portcullis.audit.AuditLog;
import dev.portcullis.shared.ErrorCode;
import dev.portcullis.shared.ProblemException;
import dev.portcullis.shared.RequestOrigin;
import dev.portcullis.shared.SecretTokens;

/**
 * Sessions and their refresh-token families (TOK-3..5). A session is one sign-in on one device;
 * every refresh rotates its token. Revocation is synchronous (STYLE "Boundaries"): when a method
 * here returns, the session's refresh and access tokens are dead on this instance, and on every
 * other instance within {@code revocation-check-interval}.
 */
@Component
public class Sessions {

    private static final Logger log = LoggerFactory.getLogger(Sessions.class);
    private static final int SESSION_ID_BYTES = 16;

    private final SessionRepository sessions;
    private final RefreshTokenRepository refreshTokens;
    private final SessionActivity activity;
    private final AuditLog audit;
    private final SecretTokens tokens;
    private final TransactionOperations transactions;
    private final SessionProperties properties;
    private final Clock clock;

    Sessions(SessionRepository sessions, RefreshTokenRepository refreshTokens, SessionActivity activity, AuditLog audit,
            SecretTokens tokens, TransactionOperations transactions, SessionProperties properties, Clock clock) {
        this.sessions = sessions;
        this.refreshTokens = refreshTokens;
        this.activity = activity;
        this.audit = audit;
        this.tokens = tokens;
        this.transactions = transactions;
        this.properties = properties;
        this.clock = clock;
    }

    /** Starts a session after a successful sign-in and issues its first refresh token. */
    public IssuedRefreshToken start(String userId, boolean rememberMe, List<String> amr, RequestOrigin origin) {
        if (amr.isEmpty() || amr.stream().anyMatch(m -> !m.matches("[a-z]{2,10}"))) {
            throw new IllegalArgumentException("amr must be RFC 8176 method names");
        }
        Instant now = clock.instant();
        SessionRow session = new SessionRow(tokens.newToken(SESSION_ID_BYTES), userId, now, now,
                now.plus(properties.absoluteLifetime()), rememberMe, origin.ip(), origin.userAgent(), null, null,
                List.copyOf(amr));
        return transactions.execute(tx -> {
            sessions.insert(session);
            return issue(session, now);
        });
    }

    /**
     * TOK-3: exchanges a refresh token for a new one in the same session. A token presented a second
     * time within the grace window (a client race) gets a fresh token too; later, or after the
     * session ended, it is refused, and a reuse revokes the whole session and is audited.
     *
     * @throws ProblemException 401 {@code invalid_token} for every refusal, with one message
     */
    public IssuedRefreshToken rotate(String refreshToken, RequestOrigin origin) {
        if (refreshToken == null || refreshToken.isEmpty() || refreshToken.length() > 128) {
            throw invalid();
        }
        String hash = SecretTokens.hash(refreshToken);
        Rotation result = transactions.execute(tx -> rotateInTransaction(hash, origin));
        if (result.reusedSession() != null) {
            activity.forget(result.reusedSession());
            throw invalid();
        }
        return result.issued();
    }

    private record Rotation(IssuedRefreshToken issued, String reusedSession) {
    }

    private Rotation rotateInTransaction(String hash, RequestOrigin origin) {
        Instant now = clock.instant();
        RefreshTokenRepository.Row token = refreshTokens.find(hash).orElseThrow(Sessions::invalid);
        SessionRow session = sessions.find(token.sessionId()).orElseThrow(Sessions::invalid);
        if (!session.activeAt(now) || !now.isBefore(token.expiresAt())) {
            throw invalid();
        }
        if (!refreshTokens.consume(hash, now)) {
            RefreshTokenRepository.Row used = refreshTokens.find(hash).orElseThrow(Sessions::invalid);
            if (!withinGrace(used.usedAt(), now)) {
                sessions.revoke(session.id(), now, "refresh_reuse");
                audit.record(AuditEvent.of("refresh.reuse", session.userId(), origin).withDetail("session_id", session.id()));
                log.warn("Refresh token reuse: session {} of user {} revoked", session.id(), session.userId());
                return new Rotation(null, session.id());
            }
        }
        sessions.touch(session.id(), now, origin.ip(), origin.userAgent());
        return new Rotation(issue(session, now), null);
    }

    private boolean withinGrace(Instant usedAt, Instant now) {
        Duration grace = properties.reuseGrace();
        return !grace.isZero() && usedAt != null && !now.isAfter(usedAt.plus(grace));
    }

    private IssuedRefreshToken issue(SessionRow session, Instant now) {
        Duration lifetime = session.rememberMe() ? properties.refreshTokenLifetime() : properties.shortLifetime();
        Instant expires = now.plus(lifetime).isAfter(session.absoluteExpiresAt()) ? session.absoluteExpiresAt()
                : now.plus(lifetime);
        String raw = tokens.newToken();
        refreshTokens.insert(SecretTokens.hash(raw), session.id(), now, expires);
        return new IssuedRefreshToken(session.id(), session.userId(), raw, Duration.between(now, expires),
                session.rememberMe(), session.createdAt(), session.amr());
    }

    /** The session a refresh token belongs to, if the token is known (for logout by refresh token). */
    public Optional<String> sessionOf(String refreshToken) {
        return refreshToken == null || refreshToken.length() > 128 ? Optional.empty()
                : refreshTokens.find(SecretTokens.hash(refreshToken)).map(RefreshTokenRepository.Row::sessionId);
    }

    /** Whether the session may still be used: checked on every authenticated request (cached ~1 s). */
    public boolean isActive(String sessionId) {
        return sessionId != null && activity.isActive(sessionId);
    }

    /** How long an instance may trust a cached "still active" answer (also for the account-status cache). */
    public Duration revocationCheckInterval() {
        return properties.revocationCheckInterval();
    }

    /** The owner of a session, if it exists. */
    public Optional<String> ownerOf(String sessionId) {
        return sessions.find(sessionId).map(SessionRow::userId);
    }

    /** TOK-4/TOK-5: ends one session of the user; false when it is not theirs or already ended. */
    public boolean revoke(String userId, String sessionId, String reason) {
        Optional<SessionRow> session = sessions.find(sessionId).filter(s -> s.userId().equals(userId));
        if (session.isEmpty()) {
            return false;
        }
        boolean revoked = sessions.revoke(sessionId, clock.instant(), reason);
        activity.forget(sessionId);
        return revoked;
    }

    /** TOK-4: ends every session of the user but {@code keepSessionId} (null ends all). */
    public int revokeAll(String userId, String keepSessionId, String reason) {
        List<String> revoked = transactions.execute(tx -> sessions.revokeAllOf(userId, keepSessionId, clock.instant(), reason));
        revoked.forEach(activity::forget);
        return revoked.size();
    }

    /**
     * ACC-8: erases every session of the user, ended or not, with its refresh tokens, when the
     * account's personal data is purged (IPs and user agents included). Sessions still active are
     * forgotten by this instance's cache at once.
     *
     * @return how many sessions were erased
     */
    public int eraseAllOf(String userId) {
        List<String> active = sessions.activeOf(userId, clock.instant()).stream().map(SessionRow::id).toList();
        int erased = sessions.deleteAllOf(userId);
        active.forEach(activity::forget);
        return erased;
    }

    /** TOK-5: the user's active sessions, most recently used first. */
    public List<SessionView> list(String userId, String currentSessionId) {
        return sessions.activeOf(userId, clock.instant()).stream()
                .map(s -> new SessionView(s.id(), s.createdAt(), s.lastUsedAt(), s.ip(), s.userAgent(),
                        DeviceNames.describe(s.userAgent()), s.id().equals(currentSessionId)))
                .toList();
    }

    private static ProblemException invalid() {
        return new ProblemException(ErrorCode.INVALID_TOKEN, 401, "The refresh token is invalid or expired.",
                List.of(), java.util.Map.of());
    }
}
