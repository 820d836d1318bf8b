package dev.portcullis.identity;

import java.time.Clock;
import java.time.Instant;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionOperations;

import dev.portcullis.audit.AuditEvent;
import dev.portcullis.audit.AuditLog;
import dev.portcullis.session.Sessions;
import dev.portcullis.shared.RequestOrigin;

/**
 * ACC-7: a signed-in user changes their password. Needs the current password (and the MFA-5 step-up,
 * checked by the controller); every other session ends; the owner is notified (AUD-4).
 */
@Component
public class PasswordChange {

    static final String SESSION_REVOKE_REASON = "password_changed";

    private final Users users;
    private final AccountTokens tokens;
    private final AccountMails mails;
    private final PasswordPolicy policy;
    private final PasswordHasher hasher;
    private final Sessions sessions;
    private final AuditLog audit;
    private final TransactionOperations transactions;
    private final Clock clock;

    PasswordChange(Users users, AccountTokens tokens, AccountMails mails, PasswordPolicy policy, PasswordHasher hasher,
            Sessions sessions, AuditLog audit, TransactionOperations transactions, Clock clock) {
        this.users = users;
        this.tokens = tokens;
        this.mails = mails;
        this.policy = policy;
        this.hasher = hasher;
        this.sessions = sessions;
        this.audit = audit;
        this.transactions = transactions;
        this.clock = clock;
    }

    /**
     * Changes the password of an active account.
     *
     * @param keepSessionId the session making the request: it stays signed in (null ends all sessions)
     * @throws dev.portcullis.shared.ProblemException 400 {@code validation_failed} with a {@code current_password}
     *         error ({@code incorrect}) or {@code new_password} policy errors; 401 {@code unauthorized} when the
     *         account is gone or not active
     */
    public void changePassword(String userId, String currentPassword, String newPassword, String keepSessionId,
            RequestOrigin origin) {
        UserAccount user = users.findById(userId).filter(UserAccount::isActive)
                .orElseThrow(AccountProblems::accountUnavailable);
        CurrentPassword.require(hasher, user, currentPassword, audit, origin);
        Violations violations = new Violations();
        violations.password(policy, newPassword, new PasswordContext(user.email().value(), user.displayName()),
                "new_password");
        violations.throwIfAny();
        String hash = hasher.hash(newPassword);

        transactions.executeWithoutResult(tx -> {
            Instant now = clock.instant();
            users.setPassword(user.id(), hash, false, now);
            tokens.invalidateAll(user.id(), AccountTokenPurpose.PASSWORD_RESET, now);
            tokens.invalidateAll(user.id(), AccountTokenPurpose.EMAIL_CHANGE, now);
            int revoked = sessions.revokeAll(user.id(), keepSessionId, SESSION_REVOKE_REASON);
            mails.passwordChanged(user.email().value(), user.displayName(), user.locale());
            audit.record(AuditEvent.of("password.changed", user.id(), origin).withDetail("sessions_revoked", revoked));
        });
    }
}
