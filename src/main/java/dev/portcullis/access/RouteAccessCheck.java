package dev.portcullis.access;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.http.HttpMethod;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

import dev.portcullis.shared.AuthenticatedUser;
import dev.portcullis.shared.ErrorCode;
import dev.portcullis.shared.ProblemException;
import dev.portcullis.shared.RequestOrigin;
import dev.portcullis.shared.RouteAccess;
import dev.portcullis.shared.StepUp;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * ADM-1 / KEY-2: the one authorisation check, in front of every controller handler. It reads the
 * handler's {@link RouteAccess} and refuses a handler that declares none (deny by default), so
 * a new route is closed until someone decides who may call it. Users pass through their roles'
 * permissions, API keys through their scopes — and the owner must still hold the permission, so
 * a demoted admin's keys lose admin routes at once.
 *
 * <p>MFA-6: a permission beyond what every account has (the {@code user} role's) is privileged: a
 * session must have been signed in with a second factor to use it. An API key was created in such
 * a session (step-up, MFA-5) and carries only what it was given.
 */
final class RouteAccessCheck implements HandlerInterceptor {

    private static final Logger log = LoggerFactory.getLogger(RouteAccessCheck.class);
    /** springdoc's handlers serve the public OpenAPI document (API.md "Well-known and operations"). */
    private static final String OPENAPI_PACKAGE = "org.springdoc.";
    private static final String LOGIN_PAGE = "/login";
    private static final java.util.Set<String> SAFE_METHODS = java.util.Set.of("GET", "HEAD", "OPTIONS");

    private final Permissions permissions;
    private final StepUp stepUp;

    RouteAccessCheck(Permissions permissions, StepUp stepUp) {
        this.permissions = permissions;
        this.stepUp = stepUp;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
            throws Exception {
        if (!(handler instanceof HandlerMethod method)) {
            return true; // static files and the like: no controller, nothing to authorise
        }
        String needed = declaredAccess(method);
        if (needed == null) {
            if (method.getBeanType().getName().startsWith(OPENAPI_PACKAGE)) {
                return true;
            }
            log.error("Refused {} {}: handler {} declares no @RouteAccess (ADM-1 deny by default)",
                    request.getMethod(), request.getRequestURI(), method.getShortLogMessage());
            throw new ProblemException(ErrorCode.FORBIDDEN, "This route is not open to anyone.");
        }
        if (RouteAccess.PUBLIC.equals(needed)) {
            return true;
        }
        AuthenticatedUser caller = caller();
        if (caller == null) {
            if (isPage(method) && HttpMethod.GET.matches(request.getMethod())) {
                // Back to this page after signing in; the query is dropped, it may hold a token.
                String next = URLEncoder.encode(request.getRequestURI(), StandardCharsets.UTF_8);
                response.sendRedirect(request.getContextPath() + LOGIN_PAGE + "?next=" + next);
                return false;
            }
            throw new ProblemException(ErrorCode.UNAUTHORIZED, 401, "Authentication is required.", List.of(),
                    Map.of("WWW-Authenticate", "Bearer"));
        }
        authorise(caller, needed);
        if (privilegedChange(caller, needed, request)) {
            stepUp.require(caller, request.getHeader(StepUp.HEADER), origin(request));
        }
        return true;
    }

    /**
     * MFA-5: an admin action that changes something needs a recent sign-in or a fresh code, in the
     * session that makes it. An API key is exempt: it was itself created with a step-up and holds only
     * the scopes it was given.
     */
    private boolean privilegedChange(AuthenticatedUser caller, String needed, HttpServletRequest request) {
        return !caller.viaApiKey() && !RouteAccess.ACCOUNT.equals(needed) && !permissions.everyoneHas(needed)
                && !SAFE_METHODS.contains(request.getMethod());
    }

    private static RequestOrigin origin(HttpServletRequest request) {
        return request.getAttribute(RequestOrigin.REQUEST_ATTRIBUTE) instanceof RequestOrigin origin ? origin
                : new RequestOrigin(request.getRemoteAddr(), request.getHeader("User-Agent"), null);
    }

    /** The rule itself, apart from HTTP: throws 403 unless {@code caller} may use a route needing {@code needed}. */
    void authorise(AuthenticatedUser caller, String needed) {
        String permission = RouteAccess.ACCOUNT.equals(needed) ? Permissions.ACCOUNT : needed;
        if (caller.viaApiKey()) {
            if (!caller.scopes().contains(permission) || !permissions.grants(caller.roles(), permission)) {
                throw new ProblemException(ErrorCode.INSUFFICIENT_SCOPE, 403,
                        "This API key lacks the scope " + permission + ".", List.of(),
                        Map.of("WWW-Authenticate", "Bearer error=\"insufficient_scope\", scope=\"" + permission + "\""));
            }
            return;
        }
        if (RouteAccess.ACCOUNT.equals(needed)) {
            return; // any signed-in user acts on their own account
        }
        if (!permissions.grants(caller.roles(), permission)) {
            throw new ProblemException(ErrorCode.FORBIDDEN, "Your roles do not allow this.");
        }
        if (!permissions.everyoneHas(permission) && !caller.multiFactor()) {
            throw new ProblemException(ErrorCode.FORBIDDEN,
                    "This needs a session signed in with a second factor: sign in again with your authenticator.");
        }
    }

    /** The method's declaration wins over its class's. */
    static String declaredAccess(HandlerMethod method) {
        RouteAccess access = AnnotatedElementUtils.findMergedAnnotation(method.getMethod(), RouteAccess.class);
        if (access == null) {
            access = AnnotatedElementUtils.findMergedAnnotation(method.getBeanType(), RouteAccess.class);
        }
        return access == null ? null : access.value();
    }

    private static boolean isPage(HandlerMethod method) {
        return !AnnotatedElementUtils.hasAnnotation(method.getBeanType(), ResponseBody.class)
                && !method.hasMethodAnnotation(ResponseBody.class);
    }

    private static AuthenticatedUser caller() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication != null && authentication.getPrincipal() instanceof AuthenticatedUser user ? user : null;
    }
}
