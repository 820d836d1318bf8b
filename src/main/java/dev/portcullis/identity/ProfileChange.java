package dev.portcullis.identity;

import java.time.Clock;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionOperations;

import dev.portcullis.audit.AuditEvent;
import dev.portcullis.audit.AuditLog;
import dev.portcullis.shared.RequestOrigin;

/** Self-service profile fields ({@code PATCH /me}): for now the display name (ACC-4: at most 50). */
@Component
public class ProfileChange {

    private final Users users;
    private final AuditLog audit;
    private final TransactionOperations transactions;
    private final Clock clock;

    ProfileChange(Users users, AuditLog audit, TransactionOperations transactions, Clock clock) {
        this.users = users;
        this.audit = audit;
        this.transactions = transactions;
        this.clock = clock;
    }

    /**
     * Sets the display name; null or blank removes it.
     *
     * @return the account as stored afterwards
     * @throws dev.portcullis.shared.ProblemException 400 {@code validation_failed} on {@code display_name};
     *         401 {@code unauthorized} for an inactive account
     */
    public UserAccount updateDisplayName(String userId, String displayName, RequestOrigin origin) {
        Violations violations = new Violations();
        String name = violations.displayName(displayName, "display_name");
        violations.throwIfAny();
        return transactions.execute(tx -> {
            UserAccount user = users.findById(userId).filter(UserAccount::isActive)
                    .orElseThrow(AccountProblems::accountUnavailable);
            users.updateDisplayName(user.id(), name, clock.instant());
            audit.record(AuditEvent.of("profile.updated", user.id(), origin));
            return users.findById(user.id()).orElseThrow();
        });
    }
}
