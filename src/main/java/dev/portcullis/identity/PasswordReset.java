package dev.portcullis.identity;

import java.time.Clock;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionOperations;

import dev.portcullis.audit.AuditEvent;
import dev.portcullis.audit.AuditLog;
import dev.portcullis.session.Sessions;
import dev.portcullis.shared.EmailAddress;
import dev.portcullis.shared.RequestOrigin;

/**
 * Forgot / reset password (RST-1, RST-2; OWASP Forgot Password Cheat Sheet).
 * <ul>
 * <li>{@link #requestReset}: the same answer for every address; an active account gets a link
 * valid {@code portcullis.reset.token-lifetime}, and every older unused link stops working.</li>
 * <li>{@link #reset}: the token is checked first, then the policy (a refused password does NOT use
 * up the link), then one transaction consumes the token atomically, stores the Argon2id hash,
 * clears the lockout, ends every session, mails a notice and audits.</li>
 * </ul>
 * A reset of an unverified account also marks its address verified: the link was delivered to
 * that address and used, which proves control of it exactly as the verification link would.
 */
@Component
class PasswordReset {

    private static final Logger log = LoggerFactory.getLogger(PasswordReset.class);
    static final String SESSION_REVOKE_REASON = "password_reset";

    private final Users users;
    private final AccountTokens tokens;
    private final AccountMails mails;
    private final PasswordPolicy policy;
    private final PasswordHasher hasher;
    private final Sessions sessions;
    private final AuditLog audit;
    private final TransactionOperations transactions;
    private final ResetProperties properties;
    private final Clock clock;

    PasswordReset(Users users, AccountTokens tokens, AccountMails mails, PasswordPolicy policy, PasswordHasher hasher,
            Sessions sessions, AuditLog audit, TransactionOperations transactions, ResetProperties properties,
            Clock clock) {
        this.users = users;
        this.tokens = tokens;
        this.mails = mails;
        this.policy = policy;
        this.hasher = hasher;
        this.sessions = sessions;
        this.audit = audit;
        this.transactions = transactions;
        this.properties = properties;
        this.clock = clock;
    }

    /** @throws dev.portcullis.shared.ProblemException 400 {@code validation_failed} for a malformed address only */
    void requestReset(String rawEmail, RequestOrigin origin) {
        EmailAddress email = EmailAddress.parse(rawEmail);
        Instant now = clock.instant();
        transactions.executeWithoutResult(tx -> users.findByEmail(email).filter(UserAccount::isActive)
                .ifPresent(user -> {
                    tokens.invalidateAll(user.id(), AccountTokenPurpose.PASSWORD_RESET, now);
                    String token = tokens.issue(user.id(), AccountTokenPurpose.PASSWORD_RESET, null, now,
                            now.plus(properties.tokenLifetime()));
                    mails.passwordReset(user.email().value(), user.displayName(), user.locale(), token,
                            properties.tokenLifetime());
                    audit.record(AuditEvent.of("password.reset_requested", user.id(), origin).byActor(null));
                }));
    }

    /**
     * @throws dev.portcullis.shared.ProblemException 400 {@code invalid_token} for any unusable token or an
     *         account that is no longer active; 400 {@code validation_failed} when the password breaks the policy
     */
    void reset(String token, String newPassword, RequestOrigin origin) {
        Instant now = clock.instant();
        AccountTokens.Row row = tokens.findUsable(token, AccountTokenPurpose.PASSWORD_RESET, now)
                .orElseThrow(PasswordReset::refused);
        UserAccount user = users.findById(row.userId()).filter(UserAccount::isActive).orElseThrow(PasswordReset::refused);
        Violations violations = new Violations();
        violations.password(policy, newPassword, new PasswordContext(user.email().value(), user.displayName()),
                "new_password");
        violations.throwIfAny();
        String hash = hasher.hash(newPassword);

        Boolean done = transactions.execute(tx -> {
            if (!tokens.consume(row.tokenHash(), now)) {
                return false; // a concurrent request used it first
            }
            users.setPassword(user.id(), hash, true, now);
            tokens.invalidateAll(user.id(), AccountTokenPurpose.PASSWORD_RESET, now);
            // A pending email change may be the attacker's: the reset ends it with the sessions.
            tokens.invalidateAll(user.id(), AccountTokenPurpose.EMAIL_CHANGE, now);
            int revoked = sessions.revokeAll(user.id(), null, SESSION_REVOKE_REASON);
            mails.passwordChanged(user.email().value(), user.displayName(), user.locale());
            audit.record(AuditEvent.of("password.reset", user.id(), origin).byActor(null)
                    .withDetail("sessions_revoked", revoked).withDetail("email_verified_now", !user.emailVerified()));
            return true;
        });
        if (!Boolean.TRUE.equals(done)) {
            throw refused();
        }
    }

    private static dev.portcullis.shared.ProblemException refused() {
        log.debug("password reset refused: unknown, expired or used token, or inactive account");
        return AccountProblems.invalidToken();
    }
}
