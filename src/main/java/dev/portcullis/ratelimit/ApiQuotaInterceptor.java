package dev.portcullis.ratelimit;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.servlet.HandlerInterceptor;

import dev.portcullis.shared.AuthenticatedUser;
import dev.portcullis.shared.RequestOrigin;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * LOG-4: every authenticated API call counts against its caller's quota, with the limits of the
 * caller's role tier. It runs after the central guard has established the caller, before the
 * handler does any work; anonymous calls are limited by their own route policies instead.
 */
final class ApiQuotaInterceptor implements HandlerInterceptor {

    private final RateLimiter limiter;

    ApiQuotaInterceptor(RateLimiter limiter) {
        this.limiter = limiter;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.getPrincipal() instanceof AuthenticatedUser user) {
            String ip = request.getAttribute(RequestOrigin.REQUEST_ATTRIBUTE) instanceof RequestOrigin origin
                    ? origin.ip() : request.getRemoteAddr();
            // LOG-4: each API key has its own quota (at its owner's tier), apart from the owner's
            // sessions, so a runaway integration cannot starve its owner's sign-ins, nor one key another.
            String quotaHolder = user.viaApiKey() ? "api-key:" + user.apiKeyId() : user.userId();
            limiter.consumeApiCall(RateSubject.ofUser(ip, quotaHolder), user.roles());
        }
        return true;
    }
}
