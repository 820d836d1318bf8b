package dev.portcullis.shared;

/**
 * Stable, snake_case problem codes of the public contract (API.md "Errors"). Clients branch on
 * {@link #code()}, never on titles or details, so a constant here is never renamed.
 */
public enum ErrorCode {
    VALIDATION_FAILED(400, "Validation failed"),
    /** Any other malformed request the HTTP layer refuses (bad header, bad URL, …). */
    BAD_REQUEST(400, "Bad request"),
    INVALID_TOKEN(400, "Invalid token"),
    /** LOG-5: the route needs a solved CAPTCHA and none was sent, or the verifier refused it. */
    CAPTCHA_REQUIRED(400, "CAPTCHA required"),
    INVALID_CREDENTIALS(401, "Invalid credentials"),
    UNAUTHORIZED(401, "Unauthorized"),
    MFA_INVALID(401, "Invalid MFA code"),
    EMAIL_NOT_VERIFIED(403, "Email not verified"),
    ACCOUNT_DISABLED(403, "Account disabled"),
    FORBIDDEN(403, "Forbidden"),
    INSUFFICIENT_SCOPE(403, "Insufficient scope"),
    CSRF_FAILED(403, "CSRF check failed"),
    STEP_UP_REQUIRED(403, "Step-up authentication required"),
    NOT_FOUND(404, "Not found"),
    METHOD_NOT_ALLOWED(405, "Method not allowed"),
    NOT_ACCEPTABLE(406, "Not acceptable"),
    CONFLICT(409, "Conflict"),
    PAYLOAD_TOO_LARGE(413, "Payload too large"),
    UNSUPPORTED_MEDIA_TYPE(415, "Unsupported media type"),
    RATE_LIMITED(429, "Too many requests"),
    INTERNAL_ERROR(500, "Internal error"),
    SERVICE_UNAVAILABLE(503, "Service unavailable"),
    /** LOG-5: the CAPTCHA verifier could not answer; sent with {@code Retry-After}. */
    CAPTCHA_UNAVAILABLE(503, "CAPTCHA verification unavailable");

    private final int status;
    private final String title;

    ErrorCode(int status, String title) {
        this.status = status;
        this.title = title;
    }

    /** The default HTTP status; a few codes (e.g. {@code invalid_token}) may be sent with another 4xx. */
    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    /** The wire form: {@code invalid_credentials}. */
    public String code() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
