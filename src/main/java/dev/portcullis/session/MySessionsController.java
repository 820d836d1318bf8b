package dev.portcullis.session;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import dev.portcullis.audit.AuditEvent;
import dev.portcullis.audit.AuditLog;
import dev.portcullis.shared.AuthenticatedUser;
import dev.portcullis.shared.ErrorCode;
import dev.portcullis.shared.ProblemException;
import dev.portcullis.shared.RequestOrigin;
import dev.portcullis.shared.RouteAccess;

/** TOK-5: the caller's sessions, and revoking one or all others. Another user's session is a 404. */
@RouteAccess(RouteAccess.ACCOUNT)
@RestController
class MySessionsController {

    record SessionResponse(String id, Instant createdAt, Instant lastUsedAt, String ip, String userAgent, String device,
            boolean current) {
    }

    private final Sessions sessions;
    private final AuditLog audit;

    MySessionsController(Sessions sessions, AuditLog audit) {
        this.sessions = sessions;
        this.audit = audit;
    }

    @GetMapping("/api/v1/me/sessions")
    List<SessionResponse> list(@AuthenticationPrincipal AuthenticatedUser caller) {
        return sessions.list(caller.userId(), caller.sessionId()).stream()
                .map(s -> new SessionResponse(s.id(), s.createdAt(), s.lastUsedAt(), s.ip(), s.userAgent(), s.device(),
                        s.current()))
                .toList();
    }

    @DeleteMapping("/api/v1/me/sessions/{id}")
    ResponseEntity<Void> revoke(@AuthenticationPrincipal AuthenticatedUser caller, @PathVariable String id,
            RequestOrigin origin) {
        if (id.length() > 64 || !sessions.revoke(caller.userId(), id, "revoked_by_user")) {
            throw new ProblemException(ErrorCode.NOT_FOUND, 404, "No such session.", List.of(), Map.of());
        }
        audit.record(AuditEvent.of("session.revoked", caller.userId(), origin).withDetail("session_id", id));
        return ResponseEntity.noContent().build();
    }

    @DeleteMapping("/api/v1/me/sessions")
    ResponseEntity<Void> revokeOthers(@AuthenticationPrincipal AuthenticatedUser caller, RequestOrigin origin) {
        int ended = sessions.revokeAll(caller.userId(), caller.sessionId(), "revoked_by_user");
        audit.record(AuditEvent.of("session.revoked_others", caller.userId(), origin).withDetail("sessions", ended));
        return ResponseEntity.noContent().build();
    }
}
