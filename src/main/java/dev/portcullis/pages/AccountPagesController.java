package dev.portcullis.pages;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

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
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    record SessionRow(String id, String device, String ip, String createdAt, String lastUsedAt, boolean current) {
    }

    record DeviceRow(String id, String userAgent, String ip, String createdAt, String expiresAt) {
    }

    record ActivityRow(String type, String occurredAt, String isoTime, String ip, String device) {
    }

    private final Users users;
    private final SecondFactorStatus secondFactor;
    private final Sessions sessions;
    private final TrustedDevices trustedDevices;
    private final AuditLog audit;

    AccountPagesController(Users users, SecondFactorStatus secondFactor, Sessions sessions,
            TrustedDevices trustedDevices, AuditLog audit) {
        this.users = users;
        this.secondFactor = secondFactor;
        this.sessions = sessions;
        this.trustedDevices = trustedDevices;
        this.audit = audit;
    }

    @GetMapping("/account/security")
    String security(@AuthenticationPrincipal AuthenticatedUser caller, Model model) {
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
        return "pages/account/security";
    }

    /** ACC-6: the link mailed to the new address; confirming needs the signed-in owner. */
    @GetMapping("/account/email/confirm")
    String confirmEmail(@AuthenticationPrincipal AuthenticatedUser caller, @RequestParam(required = false) String token, Model model) {
        model.addAttribute("token", token == null || token.isBlank() || token.length() > 128 ? null : token);
        return "pages/account/email-confirm";
    }

    private List<ActivityRow> activity(String userId) {
        return audit.find(AuditQuery.forUser(userId).page(0, ACTIVITY_ROWS)).items().stream()
                .map(r -> new ActivityRow(r.type(), format(r.occurredAt()), r.occurredAt().toString(), r.origin().ip(),
                        r.origin().userAgent()))
                .toList();
    }

    private static String format(Instant instant) {
        return instant == null ? null : WHEN.format(instant);
    }
}
