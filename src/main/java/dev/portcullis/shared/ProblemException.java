package dev.portcullis.shared;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The one exception type a module throws to end a request with an error. The web layer renders
 * it as RFC 9457 problem+json; {@code detail} is shown to the client, so it must never contain a
 * secret or reveal whether an account exists.
 */
public class ProblemException extends RuntimeException {

    private final ErrorCode code;
    private final int status;
    private final String detail;
    private final List<FieldViolation> violations;
    private final Map<String, String> headers;

    public ProblemException(ErrorCode code, String detail) {
        this(code, code.status(), detail, List.of(), Map.of());
    }

    public ProblemException(ErrorCode code, int status, String detail, List<FieldViolation> violations,
            Map<String, String> headers) {
        super(code.code() + ": " + detail, null, false, false);
        this.code = Objects.requireNonNull(code);
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("problem status must be 4xx or 5xx: " + status);
        }
        this.status = status;
        this.detail = Objects.requireNonNull(detail);
        this.violations = List.copyOf(violations);
        this.headers = Map.copyOf(headers);
    }

    public static ProblemException validation(List<FieldViolation> violations) {
        return new ProblemException(ErrorCode.VALIDATION_FAILED, 400, "The request is not valid.", violations, Map.of());
    }

    public ErrorCode code() {
        return code;
    }

    public int status() {
        return status;
    }

    public String detail() {
        return detail;
    }

    public List<FieldViolation> violations() {
        return violations;
    }

    /** Extra response headers, e.g. {@code Retry-After} for {@code rate_limited}. */
    public Map<String, String> headers() {
        return headers;
    }
}
