package dev.portcullis.admin;

import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.portcullis.audit.AuditEvent;
import dev.portcullis.audit.AuditLog;
import dev.portcullis.identity.Users;
import dev.portcullis.shared.AuthenticatedUser;
import dev.portcullis.shared.ErrorCode;
import dev.portcullis.shared.ProblemException;
import dev.portcullis.shared.RequestOrigin;

/**
 * Administration of user accounts (API.md "Admin"). For now: lifting a sign-in lock (LOG-3), so
 * an owner who cannot wait for the lock to run out, and has no device cookie, gets in at once.
 */
@RestController
class AdminUsersController {

    private final Users users;
    private final AuditLog audit;

    AdminUsersController(Users users, AuditLog audit) {
        this.users = users;
        this.audit = audit;
    }

    /** Clears the failure count and any lock; 404 for an unknown id. */
    @PostMapping("/api/v1/admin/users/{id}/unlock")
    ResponseEntity<Void> unlock(@PathVariable String id, @AuthenticationPrincipal AuthenticatedUser admin,
            RequestOrigin origin) {
        if (users.findById(id).isEmpty()) {
            throw new ProblemException(ErrorCode.NOT_FOUND, "No such user.");
        }
        users.clearLockout(id);
        audit.record(AuditEvent.of("account.unlocked", id, origin).withDetail("actor", admin.userId()));
        return ResponseEntity.noContent().build();
    }
}
