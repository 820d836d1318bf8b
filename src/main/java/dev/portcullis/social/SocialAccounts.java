package dev.portcullis.social;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionOperations;

import dev.portcullis.audit.AuditEvent;
import dev.portcullis.audit.AuditLog;
import dev.portcullis.identity.UserAccount;
import dev.portcullis.identity.Users;
import dev.portcullis.shared.EmailAddress;
import dev.portcullis.shared.ErrorCode;
import dev.portcullis.shared.ProblemException;
import dev.portcullis.shared.RequestOrigin;
import dev.portcullis.shared.SecretTokens;

/**
 * OAU-4: which account a verified provider identity signs in to. Identities are keyed on the
 * provider's (issuer, subject), never on the email alone:
 * <ol>
 * <li>a linked identity signs in to its account;</li>
 * <li>otherwise only a verified email is accepted (OAU-3);</li>
 * <li>an unknown email creates an account without a password, linked to the identity;</li>
 * <li>an email that belongs to an existing account does NOT sign in: the identity waits as a pending
 * link until the owner proves control of the account by signing in to it (IdentityLinks). Anyone who
 * controls some provider, or an account there with the victim's address, gets no further.</li>
 * </ol>
 */
@Component
class SocialAccounts {

    /** What a verified provider sign-in leads to. */
    sealed interface Resolution {
    }

    record SignInTo(UserAccount user, boolean created) implements Resolution {
    }

    /** @param cookie the raw value of the pending-link cookie; only its hash is stored */
    record LinkPending(String cookie, String provider) implements Resolution {

        @Override
        public String toString() {
            return "LinkPending[provider=" + provider + ", cookie=******]";
        }
    }

    private static final Logger log = LoggerFactory.getLogger(SocialAccounts.class);
    private static final int MAX_DISPLAY_NAME = 50;

    private final Users users;
    private final IdentityRepository identities;
    private final PendingLinkRepository pending;
    private final SecretTokens tokens;
    private final AuditLog audit;
    private final TransactionOperations transactions;
    private final SocialProperties properties;
    private final Clock clock;

    SocialAccounts(Users users, IdentityRepository identities, PendingLinkRepository pending, SecretTokens tokens,
            AuditLog audit, TransactionOperations transactions, SocialProperties properties, Clock clock) {
        this.users = users;
        this.identities = identities;
        this.pending = pending;
        this.tokens = tokens;
        this.audit = audit;
        this.transactions = transactions;
        this.properties = properties;
        this.clock = clock;
    }

    Resolution resolve(ProviderIdentity identity, Locale locale, RequestOrigin origin) {
        Optional<IdentityRepository.IdentityRow> linked = identities.find(identity.provider(), identity.subject());
        if (linked.isPresent()) {
            IdentityRepository.IdentityRow row = linked.get();
            if (!row.issuer().equals(identity.issuer())) {
                // OAU-2 mix-up defence: the same subject from another issuer is another person.
                log.debug("social sign-in refused: identity {} was linked for issuer {}, not {}", row.id(),
                        row.issuer(), identity.issuer());
                throw ProviderLogins.refused();
            }
            UserAccount user = users.findById(row.userId()).orElseThrow(ProviderLogins::refused);
            identities.recordLogin(row.id(), clock.instant());
            return new SignInTo(user, false);
        }
        EmailAddress email = verifiedEmail(identity, origin);
        Optional<UserAccount> owner = users.findByEmail(email);
        if (owner.isPresent()) {
            return linkPending(owner.get(), identity, origin);
        }
        try {
            UserAccount created = transactions.execute(tx -> {
                Instant now = clock.instant();
                String userId = users.createVerifiedWithoutPassword(email, displayName(identity.name()), locale, now);
                identities.insert(tokens.newToken(16), userId, identity, now);
                audit.record(AuditEvent.of("user.registered", userId, origin).withDetail("provider", identity.provider()));
                audit.record(linkedEvent(userId, identity, origin));
                return users.findById(userId).orElseThrow();
            });
            return new SignInTo(created, true);
        } catch (DuplicateKeyException raced) {
            // A concurrent sign-up took the address, or a concurrent callback linked the identity.
            log.debug("social sign-up lost a race; the sign-in must be started again");
            throw new ProblemException(ErrorCode.CONFLICT, 409, "The account changed meanwhile; sign in again.",
                    List.of(), Map.of());
        }
    }

    private Resolution linkPending(UserAccount owner, ProviderIdentity identity, RequestOrigin origin) {
        String cookie = tokens.newToken();
        Instant now = clock.instant();
        pending.insert(SecretTokens.hash(cookie), owner.id(), identity, now, now.plus(properties.linkLifetime()));
        audit.record(AuditEvent.of("social.link_pending", owner.id(), origin).byActor(null)
                .withDetail("provider", identity.provider()));
        return new LinkPending(cookie, identity.provider());
    }

    /** OAU-3: only an address the provider vouches for, and one Portcullis accepts as an address. */
    private EmailAddress verifiedEmail(ProviderIdentity identity, RequestOrigin origin) {
        if (identity.email() != null && identity.emailVerified()) {
            try {
                return EmailAddress.parse(identity.email());
            } catch (ProblemException | IllegalArgumentException unusable) {
                log.debug("social sign-in refused: the provider's address is not usable");
            }
        }
        audit.record(AuditEvent.of("social.refused", null, origin).withDetail("provider", identity.provider())
                .withDetail("reason", "email_not_verified"));
        throw new ProblemException(ErrorCode.EMAIL_NOT_VERIFIED, 403, "The sign-in provider did not confirm a "
                + "verified email address for this account; verify it there, or sign up with a password.", List.of(),
                Map.of());
    }

    static AuditEvent linkedEvent(String userId, ProviderIdentity identity, RequestOrigin origin) {
        return AuditEvent.of("social.linked", userId, origin).withDetail("provider", identity.provider())
                .withDetail("issuer", identity.issuer());
    }

    private static String displayName(String name) {
        if (name == null || name.isBlank() || name.codePointCount(0, name.length()) > MAX_DISPLAY_NAME
                || name.chars().anyMatch(Character::isISOControl)) {
            return null;
        }
        return name.strip();
    }
}
