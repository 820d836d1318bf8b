package dev.portcullis.pages;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.CookieValue;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import dev.portcullis.access.Permissions;
import dev.portcullis.apikey.ApiKeys;
import dev.portcullis.audit.AuditLog;
import dev.portcullis.audit.AuditQuery;
import dev.portcullis.identity.SecondFactorStatus;
import dev.portcullis.identity.UserAccount;
import dev.portcullis.identity.Users;
import dev.portcullis.mfa.TrustedDevices;
import dev.portcullis.session.Sessions;
import dev.portcullis.shared.AuthenticatedUser;
import dev.portcullis.shared.RouteAccess;
import io.swagger.v3.oas.annotations.Hidden;

/**
 * WEB-1: the signed-in user's own pages. Reads are rendered here through the modules' public APIs, so
 * every user-supplied text (display name, user agents) is escaped by the template engine (WEB-6);
 * changes go through the JSON API from the page's module, with the CSRF header (WEB-2).
 * The account page is built from one fragment per section ({@code templates/pages/account/}), so
 * later sections are one more fragment and one more model entry.
 */
@Controller
@Hidden // HTML pages, listed in API.md's hosted pages, not part of the JSON API document
@RouteAccess(RouteAccess.ACCOUNT)
class AccountPagesController extends PageErrors {

    /** Recent activity shows the latest events; the full history is {@code GET /api/v1/me/activity}. */
    private static final int ACTIVITY_ROWS = 15;
    /** The social module's pending-link cookie (docs/social-login.md); only its presence is read here. */
    private static final String LINK_COOKIE = "__Host-portcullis-link";
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    record SessionRow(String id, String device, String ip, String createdAt, String lastUsedAt, boolean current) {
    }

    record DeviceRow(String id, String userAgent, String ip, String createdAt, String expiresAt) {
    }

    record ApiKeyRow(String id, String name, String prefix, String scopes, String createdAt, String expiresAt,
            String lastUsedAt) {
    }

    record ActivityRow(String type, String occurredAt, String isoTime, String ip, String device) {
    }

    private final Users users;
    private final SecondFactorStatus secondFactor;
    private final Sessions sessions;
    private final TrustedDevices trustedDevices;
    private final AuditLog audit;
    private final ApiKeys apiKeys;
    private final Permissions permissions;

    AccountPagesController(Users users, SecondFactorStatus secondFactor, Sessions sessions,
            TrustedDevices trustedDevices, AuditLog audit, ApiKeys apiKeys, Permissions permissions) {
        this.apiKeys = apiKeys;
        this.permissions = permissions;
        this.users = users;
        this.secondFactor = secondFactor;
        this.sessions = sessions;
        this.trustedDevices = trustedDevices;
        this.audit = audit;
    }

    @GetMapping("/account/security")
    String security(@AuthenticationPrincipal AuthenticatedUser caller,
            @CookieValue(name = LINK_COOKIE, required = false) String pendingLink, Model model) {
        // The route check (ADM-1) sent anonymous browsers to sign in; an account deleted meanwhile signs in again.
        Optional<UserAccount> account = users.findById(caller.userId());
        if (account.isEmpty()) {
            return "redirect:/login";
        }
        UserAccount user = account.get();
        model.addAttribute("email", user.email().value());
        model.addAttribute("emailVerified", user.emailVerified());
        model.addAttribute("displayName", user.displayName());
        model.addAttribute("memberSince", format(user.createdAt()));
        model.addAttribute("mfaEnabled", secondFactor.enabled(user.id()));
        model.addAttribute("sessions", sessions.list(user.id(), caller.sessionId()).stream()
                .map(s -> new SessionRow(s.id(), s.device(), s.ip(), format(s.createdAt()), format(s.lastUsedAt()),
                        s.current()))
                .toList());
        model.addAttribute("trustedDevices", trustedDevices.list(user.id()).stream()
                .map(d -> new DeviceRow(d.id(), d.userAgent(), d.ip(), format(d.createdAt()), format(d.expiresAt())))
                .toList());
        model.addAttribute("activity", activity(user.id()));
        model.addAttribute("apiKeys", apiKeys.list(user.id()).stream()
                .map(k -> new ApiKeyRow(k.id(), k.name(), k.prefix(), String.join(" ", k.scopes()), format(k.createdAt()),
                        format(k.expiresAt()), format(k.lastUsedAt())))
                .toList());
        model.addAttribute("apiKeyScopes", keyScopes(caller));
        // OAU-4: the social sign-in left this browser a pending link; the owner confirms it here (the API checks it all).
        model.addAttribute("linkPending", pendingLink != null && !pendingLink.isBlank());
        return "pages/account/security";
    }

    /** ACC-6: the link mailed to the new address; confirming needs the signed-in owner. */
    @GetMapping("/account/email/confirm")
    String confirmEmail(@AuthenticationPrincipal AuthenticatedUser caller, @RequestParam(required = false) String token, Model model) {
        model.addAttribute("token", token == null || token.isBlank() || token.length() > 128 ? null : token);
        return "pages/account/email-confirm";
    }

    /**
     * KEY-2: a key can only carry what its owner's roles grant, and a privileged scope only from a session
     * signed in with a second factor; the form offers exactly those, so a plain user sees {@code account}.
     */
    private List<String> keyScopes(AuthenticatedUser caller) {
        return permissions.of(caller.roles()).stream()
                .filter(p -> caller.multiFactor() || permissions.everyoneHas(p))
                .sorted().toList();
    }

    private List<ActivityRow> activity(String userId) {
        return audit.find(AuditQuery.forUser(userId).page(0, ACTIVITY_ROWS)).items().stream()
                .map(r -> new ActivityRow(r.type(), format(r.occurredAt()), r.occurredAt().toString(), r.origin().ip(),
                        r.origin().userAgent()))
                .toList();
    }

    static String format(Instant instant) {
        return instant == null ? null : WHEN.format(instant);
    }
}
