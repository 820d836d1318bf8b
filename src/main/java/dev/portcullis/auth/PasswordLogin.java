package dev.portcullis.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Component;

import dev.portcullis.audit.AuditEvent;
import dev.portcullis.audit.AuditLog;
import dev.portcullis.captcha.Captcha;
import dev.portcullis.identity.PasswordHasher;
import dev.portcullis.identity.PasswordVerification;
import dev.portcullis.identity.UserAccount;
import dev.portcullis.identity.Users;
import dev.portcullis.ratelimit.RateLimiter;
import dev.portcullis.ratelimit.RatePolicy;
import dev.portcullis.ratelimit.RateSubject;
import dev.portcullis.session.IssuedRefreshToken;
import dev.portcullis.session.Sessions;
import dev.portcullis.shared.EmailAddress;
import dev.portcullis.shared.ErrorCode;
import dev.portcullis.shared.ProblemException;
import dev.portcullis.shared.RequestOrigin;

/**
 * LOG-1 / PWD-3: email + password sign-in. An unknown email costs the same Argon2id work as a wrong
 * password and gets the same answer; account status is checked only after the password was right,
 * so a refusal for a blocked or unverified account reveals nothing to someone without the password.
 *
 * <p>LOG-2 / LOG-3: every attempt is counted by the login rate limits before any hashing. Consecutive
 * failures from browsers without a device cookie lock the account for such browsers, with
 * exponential backoff. A locked account answers exactly as a wrong password does (after the same
 * hashing work): the lock neither confirms that the account exists nor lets a guess be tested while
 * it lasts. A browser with the account's device cookie is not locked out and has its own rate-limit
 * allowance; its failures do not count towards the lock.
 */
@Component
class PasswordLogin {

    static final List<String> PASSWORD_AMR = List.of("pwd");

    private final Users users;
    private final PasswordHasher hasher;
    private final Sessions sessions;
    private final TokenIssuer tokens;
    private final List<SecondFactor> secondFactors;
    private final RateLimiter limiter;
    private final LoginDevices devices;
    private final LockoutProperties lockout;
    private final Captcha captcha;
    private final AuditLog audit;
    private final Clock clock;

    PasswordLogin(Users users, PasswordHasher hasher, Sessions sessions, TokenIssuer tokens,
            List<SecondFactor> secondFactors, RateLimiter limiter, LoginDevices devices, LockoutProperties lockout,
            Captcha captcha, AuditLog audit, Clock clock) {
        this.users = users;
        this.hasher = hasher;
        this.sessions = sessions;
        this.tokens = tokens;
        this.secondFactors = secondFactors;
        this.limiter = limiter;
        this.devices = devices;
        this.lockout = lockout;
        this.captcha = captcha;
        this.audit = audit;
        this.clock = clock;
    }

    LoginOutcome login(LoginAttempt attempt) {
        EmailAddress email = attempt.email();
        String password = attempt.password();
        RequestOrigin origin = attempt.origin();
        boolean rememberMe = attempt.rememberMe();
        Optional<UserAccount> found = users.findByEmail(email);
        Optional<String> device = found.flatMap(u -> devices.trustedDevice(attempt.deviceCookie(), u.id()));
        RateSubject subject = RateSubject.ofAccount(origin.ip(), email);
        limiter.consume(RatePolicy.LOGIN, device.map(subject::onTrustedDevice).orElse(subject));
        boolean countsFailures = device.isEmpty() && captcha.mode() == Captcha.Mode.AFTER_FAILURES;
        if (captcha.required(countsFailures ? limiter.recentFailures(subject) : 0)) {
            captcha.verify(attempt.captchaToken(), origin);
        }
        if (found.isEmpty()) {
            hasher.verifyDummy(password);
            audit.record(AuditEvent.of("login.failed", null, origin).withDetail("reason", "unknown_email")
                    .withDetail("email", email.value()));
            throw invalidCredentials(countsFailures, subject);
        }
        UserAccount user = found.get();
        Instant now = clock.instant();
        if (device.isEmpty() && lockout.enabled() && user.lockedAt(now)) {
            hasher.verifyDummy(password);
            audit.record(AuditEvent.of("login.refused", user.id(), origin).withDetail("reason", "locked")
                    .withDetail("locked_until", user.lockedUntil().toString()));
            throw invalidCredentials(countsFailures, subject);
        }
        PasswordVerification verification = hasher.verify(password, user.passwordHash());
        if (!verification.matches()) {
            audit.record(AuditEvent.of("login.failed", user.id(), origin).withDetail("reason", "wrong_password")
                    .withDetail("trusted_device", device.isPresent()));
            if (device.isEmpty()) {
                countFailure(user, now, origin);
            }
            throw invalidCredentials(countsFailures, subject);
        }
        if (countsFailures) {
            limiter.clearFailures(subject);
        }
        if (verification.rehashNeeded()) {
            users.updatePasswordHash(user.id(), hasher.hash(password));
            audit.record(AuditEvent.of("password.rehashed", user.id(), origin));
        }
        try {
            AccountGate.requireUsable(user.statusSnapshot());
        } catch (ProblemException refused) {
            audit.record(AuditEvent.of("login.refused", user.id(), origin).withDetail("reason", refused.code().code()));
            throw refused;
        }
        for (SecondFactor factor : secondFactors) {
            Optional<Object> challenge = factor.challenge(user, attempt);
            if (challenge.isPresent()) {
                return new LoginOutcome.ChallengeRequired(challenge.get());
            }
        }
        return new LoginOutcome.SignedIn(startSession(user, rememberMe, PASSWORD_AMR, origin),
                devices.issue(user.id(), device));
    }

    /** LOG-3: one more consecutive failure; at the threshold and beyond, a lock that doubles each time. */
    private void countFailure(UserAccount user, Instant now, RequestOrigin origin) {
        int failures = users.recordFailedLogin(user.id(), now);
        Duration lock = lockout.lockFor(failures);
        if (!lock.isZero()) {
            Instant until = now.plus(lock);
            users.lockUntil(user.id(), until);
            audit.record(AuditEvent.of("account.locked", user.id(), origin).withDetail("failures", failures)
                    .withDetail("locked_until", until.toString()));
        }
    }

    /** Starts the session once every factor is satisfied; the MFA and social-login paths end here too. */
    TokenGrant startSession(UserAccount user, boolean rememberMe, List<String> amr, RequestOrigin origin) {
        users.recordSuccessfulLogin(user.id(), clock.instant());
        IssuedRefreshToken refresh = sessions.start(user.id(), rememberMe, amr, origin);
        audit.record(AuditEvent.of("login.succeeded", user.id(), origin).withDetail("session_id", refresh.sessionId())
                .withDetail("amr", String.join(" ", amr)));
        return tokens.issue(user, refresh);
    }

    /** The one answer to a failed attempt, counted for the CAPTCHA's "after N failures" when that is on. */
    private ProblemException invalidCredentials(boolean countsFailures, RateSubject subject) {
        if (countsFailures) {
            limiter.recordFailure(subject);
        }
        return invalidCredentials();
    }

    private static ProblemException invalidCredentials() {
        return new ProblemException(ErrorCode.INVALID_CREDENTIALS, 401, "The email or password is wrong.", List.of(),
                Map.of());
    }
}
