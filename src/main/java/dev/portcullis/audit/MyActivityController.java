package dev.portcullis.audit;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.portcullis.shared.AuthenticatedUser;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import dev.portcullis.shared.RouteAccess;

/** {@code GET /api/v1/me/activity}: the caller's own security events, newest first (AUD-1, hosted "recent activity"). */
@RouteAccess(RouteAccess.ACCOUNT)
@RestController
@Validated
class MyActivityController {

    record ActivityItem(long id, Instant occurredAt, String type, String ip, String userAgent, boolean byAdmin,
            Map<String, Object> details) {
    }

    record ActivityPage(List<ActivityItem> items, int page, int size, long total) {
    }

    private final AuditLog audit;

    MyActivityController(AuditLog audit) {
        this.audit = audit;
    }

    @GetMapping("/api/v1/me/activity")
    ActivityPage activity(@AuthenticationPrincipal AuthenticatedUser caller,
            @RequestParam(defaultValue = "0") @Min(0) @Max(10_000) int page,
            @RequestParam(defaultValue = "50") @Min(1) @Max(AuditQuery.MAX_SIZE) int size) {
        AuditPage found = audit.find(AuditQuery.forUser(caller.userId()).page(page, size));
        return new ActivityPage(found.items().stream()
                .map(r -> new ActivityItem(r.id(), r.occurredAt(), r.type(), r.origin().ip(), r.origin().userAgent(),
                        r.actorId() != null && !r.actorId().equals(r.userId()), r.details()))
                .toList(), found.page(), found.size(), found.total());
    }
}
