package dev.portcullis.audit;

import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

import dev.portcullis.shared.RequestOrigin;

/**
 * A security event to append to the audit trail (AUD-1). Built by the module where it happened and
 * handed to {@link AuditLog#record(AuditEvent)} inside that module's transaction.
 * <p>
 * Invalid events are programming errors and fail fast with {@link IllegalArgumentException}:
 * <ul>
 * <li>{@code type}: a stable lower-case name such as {@code login.failed}, at most 64 characters;</li>
 * <li>{@code userId}: whose account it concerns (null for events without an account);
 * {@code actorId}: who did it (the user, an admin, or null for the system);</li>
 * <li>{@code details}: a small flat map of String, Number or Boolean values. Keys that look like
 * they hold a secret (password, token, secret, code, key, ...) are refused: audit rows outlive
 * every other row, so a secret written here would outlive its rotation.</li>
 * </ul>
 */
public record AuditEvent(String type, String userId, String actorId, RequestOrigin origin, Map<String, Object> details) {

    public static final int MAX_TYPE = 64;
    public static final int MAX_ID = 64;
    private static final Pattern TYPE = Pattern.compile("[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)*");
    private static final Pattern DETAIL_KEY = Pattern.compile("[a-z][a-z0-9_]{0,63}");
    /** Substrings of detail keys that suggest a secret (OWASP Logging Cheat Sheet, "Data to exclude"). */
    private static final String[] SECRET_HINTS = { "password", "passwd", "secret", "token", "code", "key",
            "credential", "authorization", "cookie" };
    // Column sizes of audit_event: refuse here, with a message, rather than in the database.
    private static final int MAX_IP = 45;
    private static final int MAX_REQUEST_ID = 64;

    public AuditEvent {
        if (type == null || type.length() > MAX_TYPE || !TYPE.matcher(type).matches()) {
            throw new IllegalArgumentException("audit type must be lower-case dotted words of at most "
                    + MAX_TYPE + " characters, e.g. login.failed: " + type);
        }
        checkId("userId", userId);
        checkId("actorId", actorId);
        if (origin == null) {
            throw new IllegalArgumentException("origin is required (RequestOrigin.system() for jobs)");
        }
        if (origin.ip() != null && origin.ip().length() > MAX_IP) {
            throw new IllegalArgumentException("origin ip longer than " + MAX_IP);
        }
        if (origin.requestId() != null && origin.requestId().length() > MAX_REQUEST_ID) {
            throw new IllegalArgumentException("origin request id longer than " + MAX_REQUEST_ID);
        }
        details = copyOf(details == null ? Map.of() : details);
    }

    /** An event the user caused themselves (actor = user). */
    public static AuditEvent of(String type, String userId, RequestOrigin origin) {
        return new AuditEvent(type, userId, userId, origin, Map.of());
    }

    /** The same event done by someone else, e.g. an admin (ADM) or the system (null). */
    public AuditEvent byActor(String actor) {
        return new AuditEvent(type, userId, actor, origin, details);
    }

    public AuditEvent withDetail(String key, Object value) {
        Map<String, Object> more = new TreeMap<>(details);
        more.put(key, value);
        return new AuditEvent(type, userId, actorId, origin, more);
    }

    private static void checkId(String name, String id) {
        if (id != null && (id.isBlank() || id.length() > MAX_ID)) {
            throw new IllegalArgumentException(name + " must be null or 1.." + MAX_ID + " characters");
        }
    }

    private static Map<String, Object> copyOf(Map<String, Object> details) {
        Map<String, Object> sorted = new TreeMap<>();
        details.forEach((key, value) -> {
            if (key == null || !DETAIL_KEY.matcher(key).matches()) {
                throw new IllegalArgumentException("audit detail keys are snake_case, at most 64 characters: " + key);
            }
            if (looksSecret(key)) {
                throw new IllegalArgumentException("audit detail key looks like it holds a secret: " + key);
            }
            if (!(value instanceof String || value instanceof Number || value instanceof Boolean)) {
                throw new IllegalArgumentException("audit detail " + key + " must be a String, Number or Boolean");
            }
            sorted.put(key, value);
        });
        return Collections.unmodifiableMap(sorted);
    }

    private static boolean looksSecret(String key) {
        String lower = key.toLowerCase(Locale.ROOT);
        for (String hint : SECRET_HINTS) {
            if (lower.contains(hint)) {
                return true;
            }
        }
        return false;
    }
}
