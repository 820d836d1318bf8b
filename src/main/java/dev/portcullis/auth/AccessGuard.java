package dev.portcullis.auth;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.stereotype.Component;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

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
 * {@link AccountGate}. Both lookups are cached for at most the revocation-check interval (1 s by
 * default); session revocation on this instance evicts its cache entry immediately.
 */
@Component
class AccessGuard implements RequestAuthenticator {

    private static final String BEARER = "bearer ";
    private static final Map<String, String> CHALLENGE = Map.of("WWW-Authenticate", AccessTokens.INVALID_TOKEN_CHALLENGE);
    private static final int MAX_CACHED_ACCOUNTS = 100_000;

    private final AccessTokens accessTokens;
    private final Sessions sessions;
    private final Users users;
    private final Cache<String, UserStatusSnapshot> accounts;

    AccessGuard(AccessTokens accessTokens, Sessions sessions, Users users) {
        this.accessTokens = accessTokens;
        this.sessions = sessions;
        this.users = users;
        this.accounts = Caffeine.newBuilder().maximumSize(MAX_CACHED_ACCOUNTS)
                .expireAfterWrite(sessions.revocationCheckInterval()).build();
    }

    @Override
    public Optional<AuthenticatedUser> authenticate(HttpServletRequest request) {
        String authorization = request.getHeader("Authorization");
        if (authorization != null) {
            return Optional.of(bearer(authorization, request));
        }
        if (request.getHeader("X-API-Key") != null) {
            throw unauthorized("API keys are not accepted on this server yet.");
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
        if (token.startsWith("pc_")) {
            throw unauthorized("API keys are not accepted on this server yet.");
        }
        return authenticate(token, request);
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
                Set.copyOf(verified.scopes()), verified.amr(), verified.authTime());
    }

    private static String path(HttpServletRequest request) {
        return request.getRequestURI().substring(request.getContextPath().length());
    }

    private static ProblemException unauthorized(String detail) {
        return new ProblemException(ErrorCode.UNAUTHORIZED, 401, detail, List.of(), Map.of("WWW-Authenticate", "Bearer"));
    }
}
