package dev.portcullis.admin;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.portcullis.audit.AuditLog;
import dev.portcullis.audit.AuditPage;
import dev.portcullis.audit.AuditQuery;
import dev.portcullis.identity.AdminUser;
import dev.portcullis.identity.AdminUserPage;
import dev.portcullis.identity.UserAdministration;
import dev.portcullis.identity.UserStatus;
import dev.portcullis.shared.AuthenticatedUser;
import dev.portcullis.shared.ErrorCode;
import dev.portcullis.shared.FieldViolation;
import dev.portcullis.shared.ProblemException;
import dev.portcullis.shared.RequestOrigin;
import dev.portcullis.shared.RouteAccess;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * ADM-2: the admin API (API.md "Admin"). Each route declares its permission; the route check lets
 * admins (in an MFA session, with step-up for changes) and API keys with the scope through. The
 * rules about whom may be changed (ADM-3) are {@link UserAdministration}'s. Unknown ids are 404s.
 */
@RestController
class AdminUsersController {

    record RolesRequest(@NotNull @Size(max = 20) Set<@NotNull @Size(max = 32) String> roles) {
    }

    record AuditItem(long id, Instant occurredAt, String type, String userId, String actorId, String ip,
            String userAgent, String requestId, Map<String, Object> details) {
    }

    record AuditEvents(List<AuditItem> items, int page, int size, long total) {
    }

    private static final int MAX_ID = 64;

    private final UserAdministration admin;
    private final AuditLog audit;

    AdminUsersController(UserAdministration admin, AuditLog audit) {
        this.admin = admin;
        this.audit = audit;
    }

    /** {@code q} matches any part of the email or display name; {@code status} filters. Newest first. */
    @RouteAccess("users:read")
    @GetMapping("/api/v1/admin/users")
    AdminUserPage list(@RequestParam(required = false) @Size(max = 100) String q,
            @RequestParam(required = false) @Size(max = 16) String status,
            @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
            @RequestParam(defaultValue = "50") @Min(1) @Max(200) int size) {
        return admin.search(q, status == null ? null : parseStatus(status), page, size);
    }

    @RouteAccess("users:read")
    @GetMapping("/api/v1/admin/users/{id}")
    AdminUser view(@PathVariable String id) {
        return admin.find(checkedId(id)).orElseThrow(AdminUsersController::notFound);
    }

    /** Replaces the roles; {@code user} is always kept. Taking a role away ends the user's sessions. */
    @RouteAccess("users:write")
    @PutMapping("/api/v1/admin/users/{id}/roles")
    AdminUser setRoles(@PathVariable String id, @Valid @RequestBody RolesRequest body,
            @AuthenticationPrincipal AuthenticatedUser caller, RequestOrigin origin) {
        return admin.setRoles(caller.userId(), checkedId(id), body.roles(), origin);
    }

    /** Ends every session at once; the account's API keys stop working too. */
    @RouteAccess("users:write")
    @PostMapping("/api/v1/admin/users/{id}/block")
    ResponseEntity<Void> block(@PathVariable String id, @AuthenticationPrincipal AuthenticatedUser caller,
            RequestOrigin origin) {
        admin.block(caller.userId(), checkedId(id), origin);
        return ResponseEntity.noContent().build();
    }

    @RouteAccess("users:write")
    @PostMapping("/api/v1/admin/users/{id}/unblock")
    ResponseEntity<Void> unblock(@PathVariable String id, @AuthenticationPrincipal AuthenticatedUser caller,
            RequestOrigin origin) {
        admin.unblock(caller.userId(), checkedId(id), origin);
        return ResponseEntity.noContent().build();
    }

    /** LOG-3: clears the failure count and any lock. */
    @RouteAccess("users:write")
    @PostMapping("/api/v1/admin/users/{id}/unlock")
    ResponseEntity<Void> unlock(@PathVariable String id, @AuthenticationPrincipal AuthenticatedUser caller,
            RequestOrigin origin) {
        admin.unlock(caller.userId(), checkedId(id), origin);
        return ResponseEntity.noContent().build();
    }

    @RouteAccess("users:write")
    @DeleteMapping("/api/v1/admin/users/{id}")
    ResponseEntity<Void> delete(@PathVariable String id, @AuthenticationPrincipal AuthenticatedUser caller,
            RequestOrigin origin) {
        admin.delete(caller.userId(), checkedId(id), origin);
        return ResponseEntity.noContent().build();
    }

    /** ACC-3 on the user's behalf; 409 when the address is already verified or the account not active. */
    @RouteAccess("users:write")
    @PostMapping("/api/v1/admin/users/{id}/verification-email")
    ResponseEntity<Void> resendVerification(@PathVariable String id,
            @AuthenticationPrincipal AuthenticatedUser caller, RequestOrigin origin) {
        if (!admin.resendVerification(caller.userId(), checkedId(id), origin)) {
            throw new ProblemException(ErrorCode.CONFLICT, "The account is not active or its address is verified.");
        }
        return ResponseEntity.accepted().build();
    }

    /** AUD-1: the audit trail, newest first, filtered by user and event type. */
    @RouteAccess("audit:read")
    @GetMapping("/api/v1/admin/audit-events")
    AuditEvents auditEvents(@RequestParam(name = "user_id", required = false) @Size(max = MAX_ID) String userId,
            @RequestParam(required = false) @Size(max = 64) String type,
            @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
            @RequestParam(defaultValue = "50") @Min(1) @Max(AuditQuery.MAX_SIZE) int size) {
        AuditQuery query = AuditQuery.all().page(page, size);
        if (userId != null) {
            query = query.withUser(userId);
        }
        if (type != null) {
            query = query.withType(type);
        }
        AuditPage found = audit.find(query);
        return new AuditEvents(found.items().stream().map(r -> new AuditItem(r.id(), r.occurredAt(), r.type(),
                r.userId(), r.actorId(), r.origin().ip(), r.origin().userAgent(), r.origin().requestId(), r.details()))
                .toList(), found.page(), found.size(), found.total());
    }

    private static UserStatus parseStatus(String status) {
        for (UserStatus candidate : UserStatus.values()) {
            if (candidate.column().equals(status.toLowerCase(Locale.ROOT))) {
                return candidate;
            }
        }
        throw ProblemException.validation(List.of(new FieldViolation("status", "invalid",
                "must be one of active, blocked, deactivated, deleted")));
    }

    private static String checkedId(String id) {
        if (id.length() > MAX_ID) {
            throw notFound();
        }
        return id;
    }

    private static ProblemException notFound() {
        return new ProblemException(ErrorCode.NOT_FOUND, 404, "No such user.", List.of(), Map.of());
    }
}
