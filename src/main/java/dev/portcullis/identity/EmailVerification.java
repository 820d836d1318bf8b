package dev.portcullis.identity;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionOperations;

import dev.portcullis.audit.AuditEvent;
import dev.portcullis.audit.AuditLog;
import dev.portcullis.shared.EmailAddress;
import dev.portcullis.shared.RequestOrigin;

/**
 * Email verification (ACC-2) and resending the link (ACC-3).
 * <ul>
 * <li>{@link #verify}: the token is consumed by one conditional UPDATE, so it works once however
 * many requests race; unknown, expired, used and already-verified all get the same
 * {@code invalid_token}.</li>
 * <li>{@link #resend}: the caller always gets the same answer; a mail goes out only to an active,
 * unverified account outside the cooldown and under the daily cap.</li>
 * </ul>
 */
@Component
class EmailVerification {

    private static final Logger log = LoggerFactory.getLogger(EmailVerification.class);
    private static final Duration DAY = Duration.ofHours(24);

    private final Users users;
    private final AccountTokens tokens;
    private final AccountMails mails;
    private final AuditLog audit;
    private final TransactionOperations transactions;
    private final VerificationProperties properties;
    private final Clock clock;

    EmailVerification(Users users, AccountTokens tokens, AccountMails mails, AuditLog audit,
            TransactionOperations transactions, VerificationProperties properties, Clock clock) {
        this.users = users;
        this.tokens = tokens;
        this.mails = mails;
        this.audit = audit;
        this.transactions = transactions;
        this.properties = properties;
        this.clock = clock;
    }

    /** @throws dev.portcullis.shared.ProblemException 400 {@code invalid_token} for any unusable token */
    void verify(String token, RequestOrigin origin) {
        Instant now = clock.instant();
        Boolean verified = transactions.execute(tx -> {
            Optional<AccountTokens.Row> row = tokens.findUsable(token, AccountTokenPurpose.VERIFY_EMAIL, now);
            if (row.isEmpty() || !tokens.consume(row.get().tokenHash(), now)) {
                return false;
            }
            String userId = row.get().userId();
            boolean usable = users.findById(userId).filter(u -> u.status() != UserStatus.DELETED).isPresent();
            if (!usable || !users.markEmailVerified(userId, now)) {
                tx.setRollbackOnly();
                return false;
            }
            tokens.invalidateAll(userId, AccountTokenPurpose.VERIFY_EMAIL, now);
            audit.record(AuditEvent.of("email.verified", userId, origin));
            return true;
        });
        if (!Boolean.TRUE.equals(verified)) {
            log.debug("email verification refused: unknown, expired, used or already verified");
            throw AccountProblems.invalidToken();
        }
    }

    /**
     * ACC-3: sends a new link when allowed; otherwise does nothing, and the caller cannot tell.
     *
     * @throws dev.portcullis.shared.ProblemException 400 {@code validation_failed} for a malformed address only
     */
    void resend(String rawEmail, RequestOrigin origin) {
        EmailAddress email = EmailAddress.parse(rawEmail);
        Instant now = clock.instant();
        transactions.executeWithoutResult(tx -> users.findByEmail(email)
                .filter(u -> u.isActive() && !u.emailVerified())
                .ifPresent(user -> {
                    if (!mayResend(user, now)) {
                        log.debug("verification resend suppressed: cooldown or daily cap (ACC-3)");
                        return;
                    }
                    sendNewLink(user, now, null, origin);
                }));
    }

    /**
     * ADM-2: an admin sends a new verification link to an unverified, active account. The cooldown
     * does not apply (a person asked for it, not a script), but the link replaces no older one.
     *
     * @return false when the account is unknown, not active or already verified
     */
    boolean resendByAdmin(String userId, String actorId, RequestOrigin origin) {
        Instant now = clock.instant();
        Boolean sent = transactions.execute(tx -> users.findById(userId)
                .filter(u -> u.isActive() && !u.emailVerified())
                .map(user -> {
                    sendNewLink(user, now, actorId, origin);
                    return true;
                }).orElse(false));
        return Boolean.TRUE.equals(sent);
    }

    /** A new link, mailed and audited; {@code actorId} null for the user's own request. */
    private void sendNewLink(UserAccount user, Instant now, String actorId, RequestOrigin origin) {
        String token = tokens.issue(user.id(), AccountTokenPurpose.VERIFY_EMAIL, null, now,
                now.plus(properties.tokenLifetime()));
        mails.verifyEmail(user.email().value(), user.displayName(), user.locale(), token, properties.tokenLifetime());
        audit.record(AuditEvent.of("email.verification_resent", user.id(), origin).byActor(actorId));
    }

    /**
     * The cooldown runs from the newest verification mail (the sign-up one included); the cap
     * counts resends in the last 24 hours, so the sign-up mail is not one of the {@code resendMaxPerDay}.
     */
    boolean mayResend(UserAccount user, Instant now) {
        Optional<Instant> last = tokens.lastIssued(user.id(), AccountTokenPurpose.VERIFY_EMAIL);
        if (last.isPresent() && now.isBefore(last.get().plus(properties.resendCooldown()))) {
            return false;
        }
        Instant since = now.minus(DAY);
        int sent = tokens.countIssuedSince(user.id(), AccountTokenPurpose.VERIFY_EMAIL, since);
        int signUpMail = user.createdAt().isBefore(since) ? 0 : 1;
        return sent - signUpMail < properties.resendMaxPerDay();
    }
}
