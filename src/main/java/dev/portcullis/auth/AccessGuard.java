package dev.portcullis.auth;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.stereotype.Component;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import dev.portcullis.apikey.ApiKeyCaller;
import dev.portcullis.apikey.ApiKeys;
import dev.portcullis.identity.UserStatusSnapshot;
import dev.portcullis.identity.Users;
import dev.portcullis.mfa.MfaPolicy;
import dev.portcullis.session.Sessions;
import dev.portcullis.shared.AuthenticatedUser;
import dev.portcullis.shared.ErrorCode;
import dev.portcullis.shared.ProblemException;
import dev.portcullis.token.AccessTokens;
import dev.portcullis.token.VerifiedAccessToken;
import dev.portcullis.web.RequestAuthenticator;
import jakarta.servlet.http.HttpServletRequest;

/**
 * LOG-1 / TOK-2 / TOK-4: the central guard every request passes. A bearer token (or the browser's
 * access cookie) must verify, its session must still be live — so logout, reset, reuse detection and
 * block take effect at once although the JWT itself has not expired — and its account must pass
 * {@link AccountGate}. API keys (KEY-1, {@code Authorization: Bearer pc_…} or {@code X-API-Key}) are
 * checked here too, so every credential passes the same account rule. The lookups are cached for at most the revocation-check interval (1 s by
 * default); session revocation on this instance evicts its cache entry immediately.
 */
@Component
class AccessGuard implements RequestAuthenticator {

    private static final String BEARER = "bearer ";
    static final String API_KEY_HEADER = "X-API-Key";
    private static final String API_PREFIX = "/api/";
    private static final String API_KEY_PREFIX = "pc_";
    private static final Map<String, String> CHALLENGE = Map.of("WWW-Authenticate", AccessTokens.INVALID_TOKEN_CHALLENGE);
    private static final int MAX_CACHED_ACCOUNTS = 100_000;

    private final AccessTokens accessTokens;
    private final Sessions sessions;
    private final Users users;
    private final ApiKeys apiKeys;
    private final Cache<String, UserStatusSnapshot> accounts;
    /** API key owners' roles: a demotion reaches their keys within the same interval as a block. */
    private final Cache<String, Set<String>> roles;

    AccessGuard(AccessTokens accessTokens, Sessions sessions, Users users, ApiKeys apiKeys) {
        this.accessTokens = accessTokens;
        this.sessions = sessions;
        this.users = users;
        this.apiKeys = apiKeys;
        this.accounts = Caffeine.newBuilder().maximumSize(MAX_CACHED_ACCOUNTS)
                .expireAfterWrite(sessions.revocationCheckInterval()).build();
        this.roles = Caffeine.newBuilder().maximumSize(MAX_CACHED_ACCOUNTS)
                .expireAfterWrite(sessions.revocationCheckInterval()).build();
    }

    @Override
    public Optional<AuthenticatedUser> authenticate(HttpServletRequest request) {
        String authorization = request.getHeader("Authorization");
        String apiKey = request.getHeader(API_KEY_HEADER);
        if (authorization != null && apiKey != null) {
            throw unauthorized("Send one credential: the Authorization header or the X-API-Key header.");
        }
        if (authorization != null) {
            return Optional.of(bearer(authorization, request));
        }
        if (apiKey != null) {
            return Optional.of(apiKey(apiKey.strip()));
        }
        Optional<String> cookie = TokenCookies.read(request, TokenCookies.ACCESS);
        if (cookie.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(authenticate(cookie.get(), request));
        } catch (ProblemException refused) {
            if (refused.status() == 401) {
                // A stale cookie (expired, or its session ended) makes the browser anonymous rather than
                // locking it out of sign-in and every public route; protected routes still answer 401.
                return Optional.empty();
            }
            if (refused.code() == ErrorCode.INSUFFICIENT_SCOPE && !path(request).startsWith(API_PREFIX)) {
                // MFA-6: an enrolment-only browser is anonymous on pages and static files (sign-in page,
                // scripts, styles) instead of being refused everywhere; the API keeps its 403.
                return Optional.empty();
            }
            throw refused;
        }
    }

    private AuthenticatedUser bearer(String authorization, HttpServletRequest request) {
        if (authorization.length() <= BEARER.length()
                || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            throw new ProblemException(ErrorCode.UNAUTHORIZED, 401, "Use the Bearer scheme.", List.of(),
                    Map.of("WWW-Authenticate", "Bearer"));
        }
        String token = authorization.substring(BEARER.length()).strip();
        if (token.startsWith(API_KEY_PREFIX)) {
            return apiKey(token);
        }
        return authenticate(token, request);
    }

    /**
     * KEY-1..2: a valid, unrevoked, unexpired key of a usable account (a blocked owner's keys stop
     * working within the cache interval). The caller carries the owner's current roles and the key's
     * scopes; the route check intersects them. A key is never a recent sign-in (no amr, no auth_time).
     */
    private AuthenticatedUser apiKey(String presented) {
        ApiKeyCaller key = apiKeys.authenticate(presented)
                .orElseThrow(() -> unauthorized("The API key is unknown, revoked or expired."));
        UserStatusSnapshot account = accounts.get(key.userId(), id -> users.statusOf(id).orElse(null));
        if (account == null) {
            throw unauthorized("The API key is unknown, revoked or expired.");
        }
        AccountGate.requireUsable(account);
        Set<String> ownerRoles = roles.get(key.userId(), users::rolesOf);
        return new AuthenticatedUser(key.userId(), null, ownerRoles, key.scopes(), List.of(), null, key.keyId());
    }

    private AuthenticatedUser authenticate(String token, HttpServletRequest request) {
        VerifiedAccessToken verified = accessTokens.verify(token);
        if (!sessions.isActive(verified.sessionId())) {
            throw new ProblemException(ErrorCode.INVALID_TOKEN, 401, "The session of this token has ended.",
                    List.of(), CHALLENGE);
        }
        UserStatusSnapshot account = accounts.get(verified.subject(),
                id -> users.statusOf(id).orElse(null));
        if (account == null) {
            throw new ProblemException(ErrorCode.INVALID_TOKEN, 401, "The account of this token no longer exists.",
                    List.of(), CHALLENGE);
        }
        AccountGate.requireUsable(account);
        // MFA-6: an enrolment-only token reaches the MFA enrolment routes and nothing else.
        if (verified.scopes().contains(MfaPolicy.ENROL_SCOPE)
                && !MfaPolicy.allowedForEnrolment(request.getMethod(), path(request))) {
            throw new ProblemException(ErrorCode.INSUFFICIENT_SCOPE, 403,
                    "Your role requires MFA: enrol an authenticator at /api/v1/me/mfa/totp, then sign in again.",
                    List.of(), Map.of());
        }
        return new AuthenticatedUser(verified.subject(), verified.sessionId(), new HashSet<>(verified.roles()),
                Set.copyOf(verified.scopes()), verified.amr(), verified.authTime(), null);
    }

    /**
     * TOK-7: the claims of a token this guard would accept right now (valid, live session, usable
     * account), for introspection; empty for any other token, whatever the reason.
     */
    Optional<VerifiedAccessToken> active(String token) {
        try {
            VerifiedAccessToken verified = accessTokens.verify(token);
            if (!sessions.isActive(verified.sessionId())) {
                return Optional.empty();
            }
            UserStatusSnapshot account = accounts.get(verified.subject(), id -> users.statusOf(id).orElse(null));
            if (account == null) {
                return Optional.empty();
            }
            AccountGate.requireUsable(account);
            return Optional.of(verified);
        } catch (ProblemException refused) {
            return Optional.empty();
        }
    }

    private static String path(HttpServletRequest request) {
        return request.getRequestURI().substring(request.getContextPath().length());
    }

    private static ProblemException unauthorized(String detail) {
        return new ProblemException(ErrorCode.UNAUTHORIZED, 401, detail, List.of(), Map.of("WWW-Authenticate", "Bearer"));
    }
}
