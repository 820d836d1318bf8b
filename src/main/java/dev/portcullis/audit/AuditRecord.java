package dev.portcullis.audit;

import java.time.Instant;
import java.util.Map;

import dev.portcullis.shared.RequestOrigin;

/**
 * A stored audit event. Detail numbers come back as JSON read them: whole numbers as Integer or
 * Long, others as Double.
 */
public record AuditRecord(long id, Instant occurredAt, String type, String userId, String actorId,
        RequestOrigin origin, Map<String, Object> details) {

    public AuditRecord {
        details = Map.copyOf(details);
    }
}
