package dev.portcullis.audit;

import java.time.Instant;

/**
 * Which audit records to read, newest first: all filters are optional (null). {@code from} is
 * inclusive, {@code to} exclusive; {@code page} counts from 0.
 */
public record AuditQuery(String userId, String type, Instant from, Instant to, int page, int size) {

    public static final int DEFAULT_SIZE = 50;
    public static final int MAX_SIZE = 200;

    public AuditQuery {
        if (page < 0) {
            throw new IllegalArgumentException("page must be >= 0");
        }
        if (size < 1 || size > MAX_SIZE) {
            throw new IllegalArgumentException("size must be 1.." + MAX_SIZE);
        }
        if (from != null && to != null && from.isAfter(to)) {
            throw new IllegalArgumentException("from must not be after to");
        }
    }

    public static AuditQuery all() {
        return new AuditQuery(null, null, null, null, 0, DEFAULT_SIZE);
    }

    /** {@code /me/activity}: one user's own events. */
    public static AuditQuery forUser(String userId) {
        return all().withUser(userId);
    }

    public AuditQuery withUser(String user) {
        return new AuditQuery(user, type, from, to, page, size);
    }

    public AuditQuery withType(String eventType) {
        return new AuditQuery(userId, eventType, from, to, page, size);
    }

    public AuditQuery between(Instant fromInclusive, Instant toExclusive) {
        return new AuditQuery(userId, type, fromInclusive, toExclusive, page, size);
    }

    public AuditQuery page(int pageNumber, int pageSize) {
        return new AuditQuery(userId, type, from, to, pageNumber, pageSize);
    }

    long offset() {
        return (long) page * size;
    }
}
