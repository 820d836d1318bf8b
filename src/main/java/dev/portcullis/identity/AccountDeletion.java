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
 * ACC-8, TOK-4: a signed-in user deletes their account. Soft delete at once, in one transaction:
 * status {@code deleted}, every session revoked, every pending link ended, a confirmation mail
 * queued. The row, and so the address, stays reserved until {@link AccountPurge} removes it after
 * the grace period; the request guard refuses a deleted account on every request meanwhile.
 */
@Component
class AccountDeletion {

    static final String SESSION_REVOKE_REASON = "account_deleted";

    private final Users users;
    private final AccountTokens tokens;
    private final AccountMails mails;
    private final PasswordHasher hasher;
    private final Sessions sessions;
    private final AuditLog audit;
    private final TransactionOperations transactions;
    private final AccountsProperties properties;
    private final Clock clock;

    AccountDeletion(Users users, AccountTokens tokens, AccountMails mails, PasswordHasher hasher, Sessions sessions,
            AuditLog audit, TransactionOperations transactions, AccountsProperties properties, Clock clock) {
        this.users = users;
        this.tokens = tokens;
        this.mails = mails;
        this.hasher = hasher;
        this.sessions = sessions;
        this.audit = audit;
        this.transactions = transactions;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * Deletes an active account.
     *
     * @throws dev.portcullis.shared.ProblemException 400 {@code validation_failed} on {@code current_password};
     *         401 {@code unauthorized} when the account is gone or not active
     */
    void delete(String userId, String currentPassword, RequestOrigin origin) {
        UserAccount user = users.findById(userId).filter(UserAccount::isActive)
                .orElseThrow(AccountProblems::accountUnavailable);
        CurrentPassword.require(hasher, user, currentPassword, audit, origin);

        transactions.executeWithoutResult(tx -> erase(user, null, origin));
    }

    /**
     * The deletion itself, in the caller's transaction: soft delete, links ended, sessions revoked, the
     * owner told. {@code actorId} is the admin who deleted the account (ADM-2), or null for the owner.
     */
    void erase(UserAccount user, String actorId, RequestOrigin origin) {
        Instant now = clock.instant();
        if (!users.markDeleted(user.id(), actorId == null, now)) {
            throw AccountProblems.accountUnavailable(); // a concurrent deletion or block won
        }
        int links = tokens.invalidateAllOf(user.id(), now);
        int revoked = sessions.revokeAll(user.id(), null, SESSION_REVOKE_REASON);
        mails.accountDeleted(user.email().value(), user.displayName(), user.locale(), properties.deletionGracePeriod());
        AuditEvent event = AuditEvent.of("account.deleted", user.id(), origin).withDetail("sessions_revoked", revoked)
                .withDetail("links_ended", links)
                .withDetail("purge_after", now.plus(properties.deletionGracePeriod()).toString());
        audit.record(actorId == null ? event : event.byActor(actorId));
    }
}
