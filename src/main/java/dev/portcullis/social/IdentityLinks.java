package dev.portcullis.social;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionOperations;

import dev.portcullis.audit.AuditEvent;
import dev.portcullis.audit.AuditLog;
import dev.portcullis.identity.LinkedIdentities;
import dev.portcullis.identity.UserAccount;
import dev.portcullis.identity.Users;
import dev.portcullis.shared.AuthenticatedUser;
import dev.portcullis.shared.ErrorCode;
import dev.portcullis.shared.ProblemException;
import dev.portcullis.shared.RequestOrigin;
import dev.portcullis.shared.SecretTokens;

/**
 * OAU-4: the linked identities of the caller's own account: list, unlink, and the completion of a
 * pending link.
 * <p>
 * A pending link completes only in the browser that holds its cookie, for the account it names, in a
 * session that was signed in with that account's password (plus its second factor when it has one:
 * the normal sign-in demands it) after the provider sign-in that created it. A provider (or someone
 * who registered the victim's address there) thus never reaches an existing account without its
 * password; a session that itself came from a provider ({@code amr} {@code fed}) proves nothing.
 */
@Component
class IdentityLinks implements LinkedIdentities {

    /** One linked identity as {@code GET /api/v1/me/identities} shows it (API.md). */
    record LinkedIdentity(String id, String provider, String email, Instant linkedAt) {
    }

    /** One identity in the ACC-8 export; the subject is the provider's id of the user, kept out as GET shows it. */
    record ExportedIdentity(String id, String provider, String issuer, String email, Instant linkedAt) {
    }

    private static final Logger log = LoggerFactory.getLogger(IdentityLinks.class);

    private final IdentityRepository identities;
    private final PendingLinkRepository pending;
    private final Users users;
    private final SecretTokens tokens;
    private final AuditLog audit;
    private final TransactionOperations transactions;
    private final Clock clock;

    IdentityLinks(IdentityRepository identities, PendingLinkRepository pending, Users users, SecretTokens tokens,
            AuditLog audit, TransactionOperations transactions, Clock clock) {
        this.identities = identities;
        this.pending = pending;
        this.users = users;
        this.tokens = tokens;
        this.audit = audit;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** ACC-8: the export lists what {@code GET /api/v1/me/identities} shows, plus the issuer. */
    @Override
    public Object export(String userId) {
        return identities.ofUser(userId).stream()
                .map(r -> new ExportedIdentity(r.id(), r.provider(), r.issuer(), r.email(), r.linkedAt())).toList();
    }

    List<LinkedIdentity> of(String userId) {
        return identities.ofUser(userId).stream()
                .map(r -> new LinkedIdentity(r.id(), r.provider(), r.email(), r.linkedAt())).toList();
    }

    /**
     * @throws ProblemException 404 {@code not_found} for an identity not linked to the caller;
     *         409 {@code conflict} when it is the last way to sign in (no password, no other identity)
     */
    void unlink(String userId, String identityId, RequestOrigin origin) {
        transactions.executeWithoutResult(tx -> {
            List<String> linked = identities.lockOfUser(userId);
            if (!linked.contains(identityId)) {
                throw new ProblemException(ErrorCode.NOT_FOUND, 404, "No such linked identity.", List.of(), Map.of());
            }
            boolean hasPassword = users.findById(userId).map(UserAccount::hasPassword).orElse(false);
            if (!hasPassword && linked.size() == 1) {
                throw new ProblemException(ErrorCode.CONFLICT, 409, "This is the only way to sign in to the account: "
                        + "set a password (forgot password) or link another provider first.", List.of(), Map.of());
            }
            IdentityRepository.IdentityRow row = identities.ofUser(userId).stream()
                    .filter(r -> r.id().equals(identityId)).findFirst().orElseThrow();
            identities.delete(identityId, userId);
            audit.record(AuditEvent.of("social.unlinked", userId, origin).withDetail("provider", row.provider())
                    .withDetail("issuer", row.issuer()));
        });
    }

    /**
     * Completes the pending link held in the caller's browser.
     *
     * @throws ProblemException 400 {@code invalid_token} for no, an expired or a used pending link;
     *         403 {@code forbidden} when it is for another account or the session did not prove the
     *         password after it was created; 409 {@code conflict} when the identity got linked meanwhile
     */
    LinkedIdentity completePending(String cookie, AuthenticatedUser caller, RequestOrigin origin) {
        String hash = cookie == null ? null : SecretTokens.hash(cookie);
        Instant now = clock.instant();
        PendingLinkRepository.PendingLink link = hash == null ? null : pending.findOpen(hash, now).orElse(null);
        if (link == null) {
            throw new ProblemException(ErrorCode.INVALID_TOKEN, 400, "There is no pending link in this browser, or it "
                    + "expired; sign in with the provider again.", List.of(), Map.of());
        }
        boolean passwordSession = caller.amr().contains("pwd") && caller.authTime() != null
                && !caller.authTime().isBefore(link.createdAt().truncatedTo(ChronoUnit.SECONDS));
        if (!link.userId().equals(caller.userId()) || !passwordSession) {
            log.debug("pending link refused: other account or no password sign-in since the provider sign-in");
            audit.record(AuditEvent.of("social.link_refused", caller.userId(), origin)
                    .withDetail("provider", link.identity().provider()));
            throw new ProblemException(ErrorCode.FORBIDDEN, 403, "Sign in to the account with this email address with "
                    + "its password first, then confirm the link.", List.of(), Map.of());
        }
        try {
            return transactions.execute(tx -> {
                if (!pending.markUsed(hash, now)) {
                    throw new ProblemException(ErrorCode.INVALID_TOKEN, 400, "The pending link was used already.",
                            List.of(), Map.of());
                }
                String id = tokens.newToken(16);
                identities.insert(id, caller.userId(), link.identity(), now);
                audit.record(SocialAccounts.linkedEvent(caller.userId(), link.identity(), origin));
                return new LinkedIdentity(id, link.identity().provider(), link.identity().email(), now);
            });
        } catch (DuplicateKeyException taken) {
            throw new ProblemException(ErrorCode.CONFLICT, 409, "This provider account is linked already.", List.of(),
                    Map.of());
        }
    }
}
