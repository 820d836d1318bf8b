package dev.portcullis.identity;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionOperations;

import dev.portcullis.audit.AuditEvent;
import dev.portcullis.audit.AuditLog;
import dev.portcullis.shared.EmailAddress;
import dev.portcullis.shared.RequestOrigin;

/**
 * ACC-6: changing the sign-in address. The request needs the current password (and the MFA-5 step-up,
 * checked by the controller); a confirmation link goes to the NEW address and the OLD one is
 * told at once, so its owner can react (a password reset ends a pending change). The address
 * switches only when the link is used, and the old address is told again.
 * <p>
 * A new address that already has an account gets no mail, and the caller hears exactly what they
 * would otherwise: a signed-in user cannot use this to find out which addresses are registered.
 */
@Component
public class EmailChange {

    private static final Logger log = LoggerFactory.getLogger(EmailChange.class);

    private final Users users;
    private final AccountTokens tokens;
    private final AccountMails mails;
    private final PasswordHasher hasher;
    private final AuditLog audit;
    private final TransactionOperations transactions;
    private final VerificationProperties properties;
    private final Clock clock;

    EmailChange(Users users, AccountTokens tokens, AccountMails mails, PasswordHasher hasher, AuditLog audit,
            TransactionOperations transactions, VerificationProperties properties, Clock clock) {
        this.users = users;
        this.tokens = tokens;
        this.mails = mails;
        this.hasher = hasher;
        this.audit = audit;
        this.transactions = transactions;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * Starts a change; a newer request replaces a pending one.
     *
     * @throws dev.portcullis.shared.ProblemException 400 {@code validation_failed} on {@code new_email} (malformed,
     *         or the current address) or {@code current_password}; 401 {@code unauthorized} for an inactive account
     */
    public void requestEmailChange(String userId, String newEmail, String currentPassword, RequestOrigin origin) {
        UserAccount user = users.findById(userId).filter(UserAccount::isActive)
                .orElseThrow(AccountProblems::accountUnavailable);
        Violations violations = new Violations();
        EmailAddress target = violations.email(newEmail, "new_email");
        if (target != null && target.equals(user.email())) {
            violations.add("new_email", "unchanged", "is your current address");
        }
        violations.throwIfAny();
        CurrentPassword.require(hasher, user, currentPassword, audit, origin);

        transactions.executeWithoutResult(tx -> {
            Instant now = clock.instant();
            tokens.invalidateAll(user.id(), AccountTokenPurpose.EMAIL_CHANGE, now);
            if (users.findByEmail(target).isEmpty()) {
                String token = tokens.issue(user.id(), AccountTokenPurpose.EMAIL_CHANGE, target.value(), now,
                        now.plus(properties.emailChangeTokenLifetime()));
                mails.confirmEmailChange(target.value(), user.displayName(), user.locale(), token,
                        properties.emailChangeTokenLifetime());
            } else {
                log.debug("email change to an address that has an account: no confirmation mail");
            }
            mails.emailChangeRequested(user.email().value(), user.displayName(), user.locale());
            audit.record(AuditEvent.of("email.change_requested", user.id(), origin));
        });
    }

    /**
     * Switches the account to the address the token confirms, marks it verified, and ends pending
     * reset and verification links (they went to the old address).
     *
     * @throws dev.portcullis.shared.ProblemException 400 {@code invalid_token} for any unusable token, an
     *         inactive account, or an address another account took meanwhile
     */
    public void confirmEmailChange(String token, RequestOrigin origin) {
        Instant now = clock.instant();
        Optional<UserAccount> changedFrom;
        try {
            changedFrom = transactions.execute(tx -> confirm(token, now, origin));
        } catch (DuplicateKeyException taken) {
            changedFrom = Optional.empty();
        }
        if (changedFrom == null || changedFrom.isEmpty()) {
            log.debug("email change confirmation refused: unknown, expired or used token, or address taken");
            throw AccountProblems.invalidToken();
        }
    }

    private Optional<UserAccount> confirm(String token, Instant now, RequestOrigin origin) {
        Optional<AccountTokens.Row> row = tokens.findUsable(token, AccountTokenPurpose.EMAIL_CHANGE, now);
        if (row.isEmpty() || row.get().newEmail() == null || !tokens.consume(row.get().tokenHash(), now)) {
            return Optional.empty();
        }
        Optional<UserAccount> user = users.findById(row.get().userId()).filter(UserAccount::isActive);
        if (user.isEmpty()) {
            return Optional.empty(); // the consumed token is harmless: the account cannot use it anyway
        }
        UserAccount before = user.get();
        users.changeEmail(before.id(), EmailAddress.parse(row.get().newEmail()), now);
        tokens.invalidateAll(before.id(), AccountTokenPurpose.PASSWORD_RESET, now);
        tokens.invalidateAll(before.id(), AccountTokenPurpose.VERIFY_EMAIL, now);
        mails.emailChanged(before.email().value(), before.displayName(), before.locale());
        audit.record(AuditEvent.of("email.changed", before.id(), origin));
        return user;
    }
}
