package dev.portcullis.identity;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionOperations;

import dev.portcullis.audit.AuditEvent;
import dev.portcullis.audit.AuditLog;
import dev.portcullis.session.Sessions;
import dev.portcullis.shared.RequestOrigin;

/**
 * ACC-8, OPS-5: the work of the account cleanup job. Accounts deleted longer ago than the grace
 * period lose their personal data: the {@code users} row goes with its roles and tokens (ON DELETE
 * CASCADE) and every session with its refresh tokens. The audit trail stays (AUD-1, append-only);
 * it names the account only by its random id. Spent account tokens go after their retention.
 */
@Component
class AccountPurge {

    /** Accounts purged per transaction batch; the job repeats until none are left. */
    static final int BATCH = 100;

    private final Users users;
    private final AccountTokens tokens;
    private final Sessions sessions;
    private final AuditLog audit;
    private final TransactionOperations transactions;
    private final AccountsProperties properties;
    private final Clock clock;

    AccountPurge(Users users, AccountTokens tokens, Sessions sessions, AuditLog audit,
            TransactionOperations transactions, AccountsProperties properties, Clock clock) {
        this.users = users;
        this.tokens = tokens;
        this.sessions = sessions;
        this.audit = audit;
        this.transactions = transactions;
        this.properties = properties;
        this.clock = clock;
    }

    /** @return how many deleted accounts were purged */
    int purgeDeletedAccounts() {
        Instant cutoff = clock.instant().minus(properties.deletionGracePeriod());
        int purged = 0;
        List<String> due;
        do {
            due = users.deletedBefore(cutoff, BATCH);
            for (String userId : due) {
                purged += Boolean.TRUE.equals(transactions.execute(tx -> purge(userId, cutoff))) ? 1 : 0;
            }
        } while (due.size() == BATCH);
        return purged;
    }

    /** @return how many expired or used account tokens were deleted */
    int purgeSpentTokens() {
        return tokens.purgeSpentBefore(clock.instant().minus(properties.tokenRetention()));
    }

    private boolean purge(String userId, Instant cutoff) {
        if (!users.purgeDeleted(userId, cutoff)) {
            return false; // another instance purged it first
        }
        int erased = sessions.eraseAllOf(userId);
        audit.record(AuditEvent.of("account.purged", userId, RequestOrigin.system()).byActor(null)
                .withDetail("sessions_erased", erased));
        return true;
    }
}
