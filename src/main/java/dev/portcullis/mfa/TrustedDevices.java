package dev.portcullis.mfa;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.springframework.http.ResponseCookie;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import dev.portcullis.audit.AuditEvent;
import dev.portcullis.audit.AuditLog;
import dev.portcullis.shared.RequestOrigin;
import dev.portcullis.shared.SecretTokens;

/**
 * MFA-4: "remember this device". The cookie holds 256 random bits; the server keeps only their
 * SHA-256 in mfa_trusted_device with the user, so the cookie cannot be forged (nothing to sign: an
 * unguessable value looked up server-side), is honoured only for that user, and a revocation ends it
 * at once. Host-only, Secure, HttpOnly, SameSite=Strict and sent only to the sign-in routes.
 */
@Component
public class TrustedDevices {

    public static final String COOKIE = "__Secure-portcullis-trusted-device";
    static final String PATH = "/api/v1/auth";
    private static final int MAX_COOKIE_LENGTH = 128;

    /** One trusted browser as {@code GET /api/v1/me/trusted-devices} and the account page list it. */
    public record TrustedDevice(String id, Instant createdAt, Instant expiresAt, Instant lastUsedAt, String ip,
            String userAgent) {
    }

    private final JdbcClient jdbc;
    private final SecretTokens tokens;
    private final AuditLog audit;
    private final MfaProperties properties;
    private final Clock clock;

    TrustedDevices(JdbcClient jdbc, SecretTokens tokens, AuditLog audit, MfaProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.tokens = tokens;
        this.audit = audit;
        this.properties = properties;
        this.clock = clock;
    }

    /** Whether {@code cookie} is a live trusted-device cookie of {@code userId}; a hit records its use. */
    public boolean trusts(String cookie, String userId) {
        if (cookie == null || cookie.isEmpty() || cookie.length() > MAX_COOKIE_LENGTH) {
            return false;
        }
        Instant now = clock.instant();
        return jdbc.sql("UPDATE mfa_trusted_device SET last_used_at = :now WHERE token_hash = :hash "
                + "AND user_id = :user AND revoked_at IS NULL AND expires_at > :now")
                .param("now", Timestamp.from(now)).param("hash", SecretTokens.hash(cookie)).param("user", userId)
                .update() == 1;
    }

    /** Trusts the browser of this request for {@code userId}; the cookie to set. */
    public ResponseCookie trust(String userId, RequestOrigin origin) {
        String token = tokens.newToken();
        String id = tokens.newToken(16);
        Instant now = clock.instant();
        jdbc.sql("INSERT INTO mfa_trusted_device (id, user_id, token_hash, created_at, expires_at, last_used_at, ip, "
                + "user_agent, revoked_at) VALUES (:id, :user, :hash, :now, :expires, NULL, :ip, :ua, NULL)")
                .param("id", id).param("user", userId).param("hash", SecretTokens.hash(token))
                .param("now", Timestamp.from(now)).param("expires", Timestamp.from(now.plus(lifetime())))
                .param("ip", origin.ip()).param("ua", origin.userAgent()).update();
        audit.record(AuditEvent.of("mfa.trusted_device_added", userId, origin).withDetail("device_id", id));
        return ResponseCookie.from(COOKIE, token).path(PATH).secure(true).httpOnly(true).sameSite("Strict")
                .maxAge(lifetime()).build();
    }

    /** MFA-4 / TOK-5: the user's live trusted browsers, newest first. */
    public List<TrustedDevice> list(String userId) {
        return jdbc.sql("SELECT id, created_at, expires_at, last_used_at, ip, user_agent FROM mfa_trusted_device "
                + "WHERE user_id = :user AND revoked_at IS NULL AND expires_at > :now ORDER BY created_at DESC, id")
                .param("user", userId).param("now", Timestamp.from(clock.instant()))
                .query((rs, n) -> new TrustedDevice(rs.getString("id"), rs.getTimestamp("created_at").toInstant(),
                        rs.getTimestamp("expires_at").toInstant(), instant(rs.getTimestamp("last_used_at")),
                        rs.getString("ip"), rs.getString("user_agent")))
                .list();
    }

    /** @return whether this call revoked it (false: unknown, another user's, or already revoked) */
    boolean revoke(String userId, String id, RequestOrigin origin) {
        boolean revoked = jdbc.sql("UPDATE mfa_trusted_device SET revoked_at = :now WHERE id = :id AND user_id = :user "
                + "AND revoked_at IS NULL")
                .param("now", Timestamp.from(clock.instant())).param("id", id).param("user", userId).update() == 1;
        if (revoked) {
            audit.record(AuditEvent.of("mfa.trusted_device_revoked", userId, origin).withDetail("device_id", id));
        }
        return revoked;
    }

    /** Every trusted browser of the user, as when MFA is turned off. */
    int revokeAll(String userId) {
        return jdbc.sql("UPDATE mfa_trusted_device SET revoked_at = :now WHERE user_id = :user AND revoked_at IS NULL")
                .param("now", Timestamp.from(clock.instant())).param("user", userId).update();
    }

    /** OPS-5: devices that expired or were revoked before {@code before}. */
    int purgeEndedBefore(Instant before) {
        return jdbc.sql("DELETE FROM mfa_trusted_device WHERE expires_at < :before "
                + "OR (revoked_at IS NOT NULL AND revoked_at < :before)").param("before", Timestamp.from(before))
                .update();
    }

    private Duration lifetime() {
        return properties.trustedDeviceLifetime();
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
