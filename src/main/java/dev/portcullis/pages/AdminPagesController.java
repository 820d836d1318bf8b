package dev.portcullis.pages;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

import dev.portcullis.access.Permissions;
import dev.portcullis.audit.AuditLog;
import dev.portcullis.audit.AuditPage;
import dev.portcullis.audit.AuditQuery;
import dev.portcullis.identity.AdminUser;
import dev.portcullis.identity.AdminUserPage;
import dev.portcullis.identity.UserAdministration;
import dev.portcullis.identity.UserStatus;
import dev.portcullis.shared.AuthenticatedUser;
import dev.portcullis.shared.ErrorCode;
import dev.portcullis.shared.ProblemException;
import dev.portcullis.shared.RouteAccess;
import io.swagger.v3.oas.annotations.Hidden;

import org.springframework.security.core.annotation.AuthenticationPrincipal;

/**
 * ADM-2 as pages: user search, one user, the audit trail. Reads are rendered here through the
 * identity and audit module APIs (every user-supplied text escaped by the template engine, WEB-6);
 * changes go through the admin API from {@code admin.js}, so its rules (ADM-3, step-up MFA-5, audit)
 * hold unchanged. Who may open them is the central route check's business: a user without the
 * permission gets {@link PageErrors}' 403 page.
 */
@Controller
@Hidden // HTML pages, listed in API.md's hosted pages, not part of the JSON API document
class AdminPagesController extends PageErrors {

    static final int PAGE_SIZE = 25;
    private static final int MAX_QUERY = 100;
    private static final int MAX_ID = 64;

    record UserRow(String id, String email, String displayName, String status, boolean emailVerified,
            boolean mfaEnabled, String roles, String createdAt, String lastLoginAt, String lockedUntil) {

        static UserRow of(AdminUser u) {
            return new UserRow(u.id(), u.email(), u.displayName(), u.status(), u.emailVerified(), u.mfaEnabled(),
                    String.join(", ", u.roles()), AccountPagesController.format(u.createdAt()),
                    AccountPagesController.format(u.lastLoginAt()), AccountPagesController.format(u.lockedUntil()));
        }
    }

    record EventRow(long id, String occurredAt, String type, String userId, String actorId, String ip, String details) {
    }

    private final UserAdministration admin;
    private final AuditLog audit;
    private final Permissions permissions;

    AdminPagesController(UserAdministration admin, AuditLog audit, Permissions permissions) {
        this.admin = admin;
        this.audit = audit;
        this.permissions = permissions;
    }

    @RouteAccess("users:read")
    @GetMapping("/admin")
    String home() {
        return "redirect:/admin/users";
    }

    @RouteAccess("users:read")
    @GetMapping("/admin/users")
    String users(@RequestParam(required = false) String q, @RequestParam(required = false) String status,
            @RequestParam(defaultValue = "0") int page, @AuthenticationPrincipal AuthenticatedUser caller, Model model) {
        String query = q == null || q.isBlank() ? null : q.strip();
        if (query != null && query.length() > MAX_QUERY) {
            query = query.substring(0, MAX_QUERY);
        }
        UserStatus wanted = parseStatus(status);
        int pageNumber = Math.max(0, Math.min(page, 100_000));
        AdminUserPage found = admin.search(query, wanted, pageNumber, PAGE_SIZE);
        model.addAttribute("q", query);
        model.addAttribute("status", wanted == null ? null : wanted.column());
        model.addAttribute("statuses", List.of(UserStatus.values()).stream().map(UserStatus::column).toList());
        model.addAttribute("users", found.items().stream().map(UserRow::of).toList());
        model.addAttribute("page", found.page());
        model.addAttribute("total", found.total());
        model.addAttribute("hasPrevious", found.page() > 0);
        model.addAttribute("hasNext", (long) (found.page() + 1) * found.size() < found.total());
        navigation(caller, model);
        return "pages/admin/users";
    }

    @RouteAccess("users:read")
    @GetMapping("/admin/users/{id}")
    String user(@PathVariable String id, @AuthenticationPrincipal AuthenticatedUser caller, Model model) {
        Optional<AdminUser> found = id.length() > MAX_ID ? Optional.empty() : admin.find(id);
        AdminUser user = found.orElseThrow(() -> new ProblemException(ErrorCode.NOT_FOUND, 404, "No such user.",
                List.of(), java.util.Map.of()));
        model.addAttribute("user", UserRow.of(user));
        model.addAttribute("userRoles", user.roles());
        model.addAttribute("allRoles", permissions.roles());
        model.addAttribute("self", user.id().equals(caller.userId()));
        navigation(caller, model);
        model.addAttribute("events", (Boolean) model.getAttribute("canReadAudit")
                ? events(AuditQuery.forUser(user.id()).page(0, 10)).items() : List.of());
        return "pages/admin/user";
    }

    @RouteAccess("audit:read")
    @GetMapping("/admin/audit")
    String audit(@RequestParam(name = "user_id", required = false) String userId,
            @RequestParam(required = false) String type, @RequestParam(defaultValue = "0") int page,
            @AuthenticationPrincipal AuthenticatedUser caller, Model model) {
        String user = blankToNull(userId, MAX_ID);
        String eventType = blankToNull(type, MAX_ID);
        AuditQuery query = AuditQuery.all().page(Math.max(0, Math.min(page, 100_000)), PAGE_SIZE);
        if (user != null) {
            query = query.withUser(user);
        }
        if (eventType != null) {
            query = query.withType(eventType);
        }
        Events found = events(query);
        model.addAttribute("userId", user);
        model.addAttribute("type", eventType);
        model.addAttribute("events", found.items());
        model.addAttribute("page", found.page());
        model.addAttribute("total", found.total());
        model.addAttribute("hasPrevious", found.page() > 0);
        model.addAttribute("hasNext", found.hasNext());
        navigation(caller, model);
        return "pages/admin/audit";
    }

    record Events(List<EventRow> items, int page, long total, boolean hasNext) {
    }

    private Events events(AuditQuery query) {
        AuditPage found = audit.find(query);
        List<EventRow> rows = found.items().stream().map(r -> new EventRow(r.id(),
                AccountPagesController.format(r.occurredAt()), r.type(), r.userId(), r.actorId(), r.origin().ip(),
                r.details().isEmpty() ? null : r.details().toString())).toList();
        return new Events(rows, found.page(), found.total(), (long) (found.page() + 1) * found.size() < found.total());
    }

    /** The admin navigation shows the audit link only to those who may open it. */
    private void navigation(AuthenticatedUser caller, Model model) {
        model.addAttribute("canReadAudit", permissions.grants(caller.roles(), "audit:read"));
        model.addAttribute("canWrite", permissions.grants(caller.roles(), "users:write"));
    }

    /** An unknown status is ignored rather than refused: the filter is a select, a hand-edited URL just shows all. */
    private static UserStatus parseStatus(String status) {
        if (status == null) {
            return null;
        }
        for (UserStatus candidate : UserStatus.values()) {
            if (candidate.column().equals(status.toLowerCase(Locale.ROOT))) {
                return candidate;
            }
        }
        return null;
    }

    private static String blankToNull(String value, int max) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String stripped = value.strip();
        return stripped.length() > max ? stripped.substring(0, max) : stripped;
    }
}
