package dev.portcullis.auth;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import dev.portcullis.audit.AuditEvent;
import dev.portcullis.audit.AuditLog;
import dev.portcullis.identity.UserAccount;
import dev.portcullis.identity.Users;
import dev.portcullis.ratelimit.RateLimiter;
import dev.portcullis.ratelimit.RatePolicy;
import dev.portcullis.ratelimit.RateSubject;
import dev.portcullis.session.IssuedRefreshToken;
import dev.portcullis.session.Sessions;
import dev.portcullis.shared.AuthenticatedUser;
import dev.portcullis.shared.ErrorCode;
import dev.portcullis.shared.FieldViolation;
import dev.portcullis.shared.ProblemException;
import dev.portcullis.shared.RequestOrigin;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import dev.portcullis.shared.RouteAccess;

/** Refresh (TOK-3), logout and logout-everywhere (TOK-4). */
@RestController
class TokenController {

    /** Refresh tokens are 43 characters; anything much longer is not one of ours. */
    private static final int MAX_REFRESH_TOKEN = 128;

    record RefreshRequest(@Size(max = MAX_REFRESH_TOKEN) String refreshToken) {

        @Override
        public String toString() {
            return "RefreshRequest[refreshToken=******]";
        }
    }

    private final Sessions sessions;
    private final Users users;
    private final TokenIssuer tokens;
    private final AuditLog audit;
    private final RateLimiter limiter;

    TokenController(Sessions sessions, Users users, TokenIssuer tokens, AuditLog audit, RateLimiter limiter) {
        this.sessions = sessions;
        this.users = users;
        this.tokens = tokens;
        this.audit = audit;
        this.limiter = limiter;
    }

    /**
     * A new access token and a new refresh token; the old refresh token is spent. The answer comes in
     * the mode the token came in: body for a body token, cookies for the refresh cookie.
     */
    @RouteAccess(RouteAccess.PUBLIC)
    @PostMapping("/api/v1/auth/refresh")
    TokenResponse refresh(@Valid @RequestBody(required = false) RefreshRequest body, RequestOrigin origin,
            HttpServletRequest request, HttpServletResponse response) {
        limiter.consume(RatePolicy.REFRESH, RateSubject.ofIp(origin.ip()));
        String bodyToken = body == null ? null : body.refreshToken();
        Optional<String> cookieToken = TokenCookies.read(request, TokenCookies.REFRESH);
        boolean cookieMode = bodyToken == null && cookieToken.isPresent();
        String presented = bodyToken != null ? bodyToken : cookieToken.orElse(null);
        if (presented == null) {
            throw ProblemException.validation(List.of(new FieldViolation("refresh_token",
                    "required", "is required (in the body or the refresh cookie)")));
        }
        IssuedRefreshToken refreshed = sessions.rotate(presented, origin);
        UserAccount user = users.findById(refreshed.userId()).orElseThrow(TokenController::sessionEnded);
        try {
            AccountGate.requireUsable(user.statusSnapshot());
        } catch (ProblemException refused) {
            sessions.revoke(user.id(), refreshed.sessionId(), "account_disabled");
            throw refused;
        }
        return TokenCookies.deliver(tokens.issue(user, refreshed), cookieMode, response);
    }

    /**
     * Ends the caller's session: the one of the access token, or else the one of the refresh token
     * (body or cookie), so a client whose access token expired can still sign out.
     */
    @RouteAccess(RouteAccess.PUBLIC) // signs out whatever credentials come: access token, refresh token or cookies
    @PostMapping("/api/v1/auth/logout")
    ResponseEntity<Void> logout(@AuthenticationPrincipal AuthenticatedUser caller,
            @Valid @RequestBody(required = false) RefreshRequest body, RequestOrigin origin, HttpServletRequest request,
            HttpServletResponse response) {
        boolean cookies = TokenCookies.present(request);
        Optional<String> refreshToken = Optional.ofNullable(body == null ? null : body.refreshToken())
                .or(() -> TokenCookies.read(request, TokenCookies.REFRESH));
        String sessionId = caller != null ? caller.sessionId()
                : refreshToken.flatMap(sessions::sessionOf).orElse(null);
        String userId = caller != null ? caller.userId()
                : sessionId == null ? null : sessions.ownerOf(sessionId).orElse(null);
        if (cookies) {
            TokenCookies.clear(response);
        }
        if (sessionId == null || userId == null) {
            if (cookies) {
                return ResponseEntity.noContent().build();
            }
            throw new ProblemException(ErrorCode.UNAUTHORIZED, 401, "Send the access token or the refresh token.",
                    List.of(), Map.of("WWW-Authenticate", "Bearer"));
        }
        if (sessions.revoke(userId, sessionId, "logout")) {
            audit.record(AuditEvent.of("logout", userId, origin).withDetail("session_id", sessionId));
        }
        return ResponseEntity.noContent().build();
    }

    /** TOK-4: every session of the caller ends, this one included. */
    @RouteAccess(RouteAccess.ACCOUNT)
    @PostMapping("/api/v1/auth/logout-all")
    ResponseEntity<Void> logoutAll(@AuthenticationPrincipal AuthenticatedUser caller, RequestOrigin origin,
            HttpServletRequest request, HttpServletResponse response) {
        int ended = sessions.revokeAll(caller.userId(), null, "logout_all");
        audit.record(AuditEvent.of("logout.all", caller.userId(), origin).withDetail("sessions", ended));
        if (TokenCookies.present(request)) {
            TokenCookies.clear(response);
        }
        return ResponseEntity.noContent().build();
    }

    private static ProblemException sessionEnded() {
        return new ProblemException(ErrorCode.INVALID_TOKEN, 401, "The refresh token is invalid or expired.", List.of(),
                Map.of());
    }
}
