package dev.portcullis.identity;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionOperations;

import dev.portcullis.audit.AuditEvent;
import dev.portcullis.audit.AuditLog;
import dev.portcullis.shared.EmailAddress;
import dev.portcullis.shared.RequestOrigin;

/**
 * Sign-up (ACC-1). The caller learns nothing about whether the address has an account: a new
 * address gets an account and a verification mail, a known one gets a notice to its owner, and
 * both answers are the same. Both paths hash the password (the expensive part, Argon2id), so
 * timing does not tell them apart either.
 */
@Component
class Registration {

    private static final Logger log = LoggerFactory.getLogger(Registration.class);
    private static final int MAX_ATTEMPTS = 3;
    private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2,3}");

    private final Users users;
    private final AccountTokens tokens;
    private final AccountMails mails;
    private final PasswordPolicy policy;
    private final PasswordHasher hasher;
    private final AuditLog audit;
    private final TransactionOperations transactions;
    private final VerificationProperties properties;
    private final Clock clock;

    Registration(Users users, AccountTokens tokens, AccountMails mails, PasswordPolicy policy, PasswordHasher hasher,
            AuditLog audit, TransactionOperations transactions, VerificationProperties properties, Clock clock) {
        this.users = users;
        this.tokens = tokens;
        this.mails = mails;
        this.policy = policy;
        this.hasher = hasher;
        this.audit = audit;
        this.transactions = transactions;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * Validates the input, then creates the account or notifies the existing owner.
     *
     * @throws dev.portcullis.shared.ProblemException 400 {@code validation_failed} listing every bad field
     */
    void register(String rawEmail, String password, String rawDisplayName, String acceptLanguage,
            RequestOrigin origin) {
        Violations violations = new Violations();
        EmailAddress email = violations.email(rawEmail, "email");
        String displayName = violations.displayName(rawDisplayName, "display_name");
        violations.password(policy, password, new PasswordContext(email == null ? rawEmail : email.value(),
                displayName == null ? rawDisplayName : displayName), "password");
        violations.throwIfAny();

        String hash = hasher.hash(password); // ACC-1: the same Argon2id work whether or not the address is known
        Locale locale = mailLocale(acceptLanguage);
        for (int attempt = 1; ; attempt++) {
            try {
                transactions.executeWithoutResult(tx -> {
                    if (users.findByEmail(email).isPresent()) {
                        notifyOwner(email, origin);
                    } else {
                        createAccount(email, hash, displayName, locale, origin);
                    }
                });
                return;
            } catch (DuplicateKeyException raceLost) {
                // A concurrent sign-up of the same address committed first: this one is the duplicate.
                log.debug("sign-up lost a race for one address; treated as an existing account");
                transactions.executeWithoutResult(tx -> notifyOwner(email, origin));
                return;
            } catch (TransientDataAccessException busy) {
                // H2 reports a concurrent insert of the same key as a lock timeout or "concurrent
                // update" instead of waiting for a duplicate key, as PostgreSQL does: look again.
                if (attempt == MAX_ATTEMPTS) {
                    throw busy;
                }
                log.debug("sign-up met a concurrent write; retrying (attempt {})", attempt);
            }
        }
    }

    private void createAccount(EmailAddress email, String hash, String displayName, Locale locale, RequestOrigin origin) {
        Instant now = clock.instant();
        String userId = users.create(email, hash, displayName, locale, now);
        String token = tokens.issue(userId, AccountTokenPurpose.VERIFY_EMAIL, null, now,
                now.plus(properties.tokenLifetime()));
        mails.verifyEmail(email.value(), displayName, locale, token, properties.tokenLifetime());
        audit.record(AuditEvent.of("user.registered", userId, origin));
    }

    private void notifyOwner(EmailAddress email, RequestOrigin origin) {
        users.findByEmail(email).filter(owner -> owner.status() != UserStatus.DELETED).ifPresent(owner -> {
            mails.accountExists(owner.email().value(), owner.displayName(), owner.locale());
            audit.record(AuditEvent.of("user.registration_duplicate", owner.id(), origin).byActor(null));
        });
    }

    /**
     * MAIL-2: the first language of the request's {@code Accept-Language}, as a plain language code;
     * English when there is none or it cannot be read (never the server's default locale).
     */
    static Locale mailLocale(String acceptLanguage) {
        if (acceptLanguage == null || acceptLanguage.isBlank() || acceptLanguage.length() > 256) {
            return Locale.ENGLISH;
        }
        try {
            List<Locale.LanguageRange> ranges = Locale.LanguageRange.parse(acceptLanguage);
            for (Locale.LanguageRange range : ranges) {
                String language = Locale.forLanguageTag(range.getRange()).getLanguage();
                if (range.getWeight() > 0 && LANGUAGE.matcher(language).matches()) {
                    return Locale.forLanguageTag(language);
                }
            }
        } catch (IllegalArgumentException malformed) {
            // fall through: a bad header only costs the user their language
        }
        return Locale.ENGLISH;
    }
}
