package dev.portcullis.identity;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionOperations;

import dev.portcullis.access.Permissions;
import dev.portcullis.audit.AuditEvent;
import dev.portcullis.audit.AuditLog;
import dev.portcullis.session.Sessions;
import dev.portcullis.shared.EmailAddress;
import dev.portcullis.shared.ErrorCode;
import dev.portcullis.shared.FieldViolation;
import dev.portcullis.shared.ProblemException;
import dev.portcullis.shared.RequestOrigin;

/**
 * ADM-2 / ADM-3: what an administrator may do to accounts, for the admin API and the CLI alike.
 * Every action is audited with its actor. The invariants live here, in one place:
 * <ul>
 * <li>at least one active admin remains: every change that could remove one (demotion, block,
 * deletion) first takes the admin role's row lock, then counts the other active admins in the same
 * transaction, so two concurrent requests removing the last two admins cannot both succeed;</li>
 * <li>no admin blocks, demotes or deletes themselves.</li>
 * </ul>
 * Blocking ends the account's sessions at once; so does taking a role away, because access tokens
 * carry the roles they were issued with.
 */
@Component
public class UserAdministration {

    public static final String ADMIN_ROLE = "admin";

    private final Users users;
    private final UserSearch search;
    private final Permissions permissions;
    private final Sessions sessions;
    private final SecondFactorStatus secondFactors;
    private final AccountDeletion deletion;
    private final EmailVerification verification;
    private final PasswordPolicy policy;
    private final PasswordHasher hasher;
    private final AuditLog audit;
    private final TransactionOperations transactions;
    private final Clock clock;

    UserAdministration(Users users, UserSearch search, Permissions permissions, Sessions sessions,
            SecondFactorStatus secondFactors, AccountDeletion deletion, EmailVerification verification,
            PasswordPolicy policy, PasswordHasher hasher, AuditLog audit, TransactionOperations transactions,
            Clock clock) {
        this.users = users;
        this.search = search;
        this.permissions = permissions;
        this.sessions = sessions;
        this.secondFactors = secondFactors;
        this.deletion = deletion;
        this.verification = verification;
        this.policy = policy;
        this.hasher = hasher;
        this.audit = audit;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** ADM-2: accounts matching {@code q} (any part of email or name), newest first. */
    public AdminUserPage search(String q, UserStatus status, int page, int size) {
        if (q != null && q.length() > UserSearch.MAX_QUERY) {
            throw ProblemException.validation(List.of(new FieldViolation("q", "too_long",
                    "must be at most " + UserSearch.MAX_QUERY + " characters")));
        }
        UserSearch.Found found = search.find(q, status, page, size);
        List<AdminUser> items = found.ids().stream().map(users::findById).flatMap(Optional::stream).map(this::view)
                .toList();
        return new AdminUserPage(items, page, size, found.total());
    }

    public Optional<AdminUser> find(String userId) {
        return users.findById(userId).map(this::view);
    }

    public Optional<AdminUser> findByEmail(String rawEmail) {
        return EmailAddress.isValid(rawEmail) ? users.findByEmail(EmailAddress.parse(rawEmail)).map(this::view)
                : Optional.empty();
    }

    /**
     * ADM-1: replaces the account's roles. Every account keeps {@value Users#DEFAULT_ROLE}.
     *
     * @throws ProblemException 400 for an unknown role; 404 for an unknown account; 409 for a self-demotion
     *         or the last active admin's demotion
     */
    public AdminUser setRoles(String actorId, String userId, Set<String> roles, RequestOrigin origin) {
        Set<String> known = permissions.roles();
        List<FieldViolation> unknown = new ArrayList<>();
        for (String role : roles) {
            if (!known.contains(role)) {
                unknown.add(new FieldViolation("roles", "unknown_role", "no such role; roles: " + String.join(", ", known)));
            }
        }
        if (!unknown.isEmpty()) {
            throw ProblemException.validation(unknown);
        }
        Set<String> wanted = new TreeSet<>(roles);
        wanted.add(Users.DEFAULT_ROLE);
        transactions.executeWithoutResult(tx -> {
            UserAccount user = lockedTarget(userId);
            Set<String> before = new TreeSet<>(user.roles());
            if (before.equals(wanted)) {
                return;
            }
            if (before.contains(ADMIN_ROLE) && !wanted.contains(ADMIN_ROLE)) {
                refuseSelf(actorId, userId, "demote");
                requireAnotherActiveAdmin(user);
            }
            users.replaceRoles(userId, wanted);
            int revoked = 0;
            if (!wanted.containsAll(before)) {
                revoked = sessions.revokeAll(userId, null, "roles_reduced");
            }
            audit.record(AuditEvent.of("admin.roles_changed", userId, origin).byActor(actorId)
                    .withDetail("before", String.join(" ", before)).withDetail("after", String.join(" ", wanted))
                    .withDetail("sessions_revoked", revoked));
        });
        return find(userId).orElseThrow(UserAdministration::notFound);
    }

    public AdminUser grantRole(String actorId, String userId, String role, RequestOrigin origin) {
        UserAccount user = users.findById(userId).orElseThrow(UserAdministration::notFound);
        Set<String> roles = new TreeSet<>(user.roles());
        roles.add(role);
        return setRoles(actorId, userId, roles, origin);
    }

    public AdminUser revokeRole(String actorId, String userId, String role, RequestOrigin origin) {
        UserAccount user = users.findById(userId).orElseThrow(UserAdministration::notFound);
        Set<String> roles = new TreeSet<>(user.roles());
        roles.remove(role);
        return setRoles(actorId, userId, roles, origin);
    }

    /** ADM-2: the account can no longer sign in or use any session, token or API key. Idempotent. */
    public void block(String actorId, String userId, RequestOrigin origin) {
        transactions.executeWithoutResult(tx -> {
            UserAccount user = lockedTarget(userId);
            refuseSelf(actorId, userId, "block");
            if (user.status() == UserStatus.BLOCKED) {
                return;
            }
            requireAnotherActiveAdmin(user);
            if (!users.changeStatus(userId, UserStatus.ACTIVE, UserStatus.BLOCKED, clock.instant())) {
                throw new ProblemException(ErrorCode.CONFLICT, "Only an active account can be blocked.");
            }
            int revoked = sessions.revokeAll(userId, null, "blocked");
            audit.record(AuditEvent.of("account.blocked", userId, origin).byActor(actorId)
                    .withDetail("sessions_revoked", revoked));
        });
    }

    /** Idempotent for an active account. */
    public void unblock(String actorId, String userId, RequestOrigin origin) {
        transactions.executeWithoutResult(tx -> {
            UserAccount user = users.findById(userId).orElseThrow(UserAdministration::notFound);
            if (user.status() == UserStatus.ACTIVE) {
                return;
            }
            if (!users.changeStatus(userId, UserStatus.BLOCKED, UserStatus.ACTIVE, clock.instant())) {
                throw new ProblemException(ErrorCode.CONFLICT, "Only a blocked account can be unblocked.");
            }
            audit.record(AuditEvent.of("account.unblocked", userId, origin).byActor(actorId));
        });
    }

    /** LOG-3: clears the failure count and any sign-in lock. */
    public void unlock(String actorId, String userId, RequestOrigin origin) {
        users.findById(userId).orElseThrow(UserAdministration::notFound);
        users.clearLockout(userId);
        audit.record(AuditEvent.of("account.unlocked", userId, origin).byActor(actorId));
    }

    /** ACC-8 by an admin: the same soft deletion as the owner's, with the admin as actor. */
    public void delete(String actorId, String userId, RequestOrigin origin) {
        transactions.executeWithoutResult(tx -> {
            UserAccount user = lockedTarget(userId);
            refuseSelf(actorId, userId, "delete");
            if (user.status() == UserStatus.DELETED) {
                throw notFound();
            }
            requireAnotherActiveAdmin(user);
            deletion.erase(user, actorId, origin);
        });
    }

    /** @return false when the account is not active or already verified */
    public boolean resendVerification(String actorId, String userId, RequestOrigin origin) {
        users.findById(userId).orElseThrow(UserAdministration::notFound);
        return verification.resendByAdmin(userId, actorId, origin);
    }

    /** Whether some active account holds the admin role (bootstrap, CLI). */
    public boolean anyActiveAdmin() {
        return users.countActiveWithRole(ADMIN_ROLE, "") > 0;
    }

    /**
     * ADM-2 (CLI create-admin, bootstrap admin): a new, verified account with the admin role. The
     * password policy applies as at sign-up; MFA enrolment is asked at its first sign-in (MFA-6).
     *
     * @throws ProblemException 400 for a bad address or password; 409 when the address is taken
     */
    public AdminUser createAdmin(String rawEmail, char[] password, String actorId, RequestOrigin origin) {
        String secret = new String(password);
        Violations violations = new Violations();
        EmailAddress email = violations.email(rawEmail, "email");
        violations.password(policy, secret, new PasswordContext(email == null ? rawEmail : email.value(), null),
                "password");
        violations.throwIfAny();
        String hash = hasher.hash(secret);
        String id = transactions.execute(tx -> {
            if (users.findByEmail(email).isPresent()) {
                throw new ProblemException(ErrorCode.CONFLICT, "An account with this address exists: grant it the "
                        + "admin role instead.");
            }
            Instant now = clock.instant();
            String created = users.create(email, hash, null, java.util.Locale.ENGLISH, now);
            users.markEmailVerified(created, now);
            users.replaceRoles(created, Set.of(Users.DEFAULT_ROLE, ADMIN_ROLE));
            audit.record(AuditEvent.of("admin.created", created, origin).byActor(actorId));
            return created;
        });
        return find(id).orElseThrow(UserAdministration::notFound);
    }

    /** The admin role's lock first (ADM-3), then the account as it is now. */
    private UserAccount lockedTarget(String userId) {
        permissions.lockRole(ADMIN_ROLE);
        return users.findById(userId).orElseThrow(UserAdministration::notFound);
    }

    private void requireAnotherActiveAdmin(UserAccount user) {
        if (user.isActive() && user.roles().contains(ADMIN_ROLE)
                && users.countActiveWithRole(ADMIN_ROLE, user.id()) == 0) {
            throw new ProblemException(ErrorCode.CONFLICT,
                    "This is the last active admin: make another account admin first.");
        }
    }

    private static void refuseSelf(String actorId, String userId, String action) {
        if (userId.equals(actorId)) {
            throw new ProblemException(ErrorCode.CONFLICT, "You cannot " + action + " your own account.");
        }
    }

    private AdminUser view(UserAccount user) {
        return new AdminUser(user.id(), user.email().value(), user.emailVerified(), user.displayName(),
                List.copyOf(new TreeSet<>(user.roles())), user.status().column(), secondFactors.enabled(user.id()),
                user.createdAt(), user.lastLoginAt(), user.lockedUntil());
    }

    private static ProblemException notFound() {
        return new ProblemException(ErrorCode.NOT_FOUND, 404, "No such user.", List.of(), Map.of());
    }
}
