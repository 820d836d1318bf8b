package dev.portcullis.mfa;

import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionOperations;

import dev.portcullis.audit.AuditEvent;
import dev.portcullis.audit.AuditLog;
import dev.portcullis.identity.CurrentPassword;
import dev.portcullis.identity.PasswordHasher;
import dev.portcullis.identity.UserAccount;
import dev.portcullis.identity.Users;
import dev.portcullis.ratelimit.RateLimiter;
import dev.portcullis.ratelimit.RatePolicy;
import dev.portcullis.ratelimit.RateSubject;
import dev.portcullis.shared.ErrorCode;
import dev.portcullis.shared.ProblemException;
import dev.portcullis.shared.RequestOrigin;

/**
 * MFA-1, MFA-2, MFA-5: the user's own second-factor settings. Enabling needs a correct code of the
 * new secret; disabling needs the password and a code; new recovery codes need a TOTP code. Each
 * change is audited and mailed to the owner (AUD-1, AUD-4).
 */
@Component
class MfaSettings {

    /** MFA state as {@code GET /api/v1/me/mfa} shows it. */
    record Status(boolean enabled, boolean required, List<String> methods, int recoveryCodesRemaining) {
    }

    private final Users users;
    private final TotpAuthenticator totp;
    private final RecoveryCodes recoveryCodes;
    private final SecondFactorCheck check;
    private final FactorRepository factors;
    private final TrustedDevices trustedDevices;
    private final MfaPolicy policy;
    private final PasswordHasher hasher;
    private final RateLimiter limiter;
    private final MfaMails mails;
    private final AuditLog audit;
    private final TransactionOperations transactions;

    MfaSettings(Users users, TotpAuthenticator totp, RecoveryCodes recoveryCodes, SecondFactorCheck check,
            FactorRepository factors, TrustedDevices trustedDevices, MfaPolicy policy, PasswordHasher hasher,
            RateLimiter limiter, MfaMails mails, AuditLog audit, TransactionOperations transactions) {
        this.users = users;
        this.totp = totp;
        this.recoveryCodes = recoveryCodes;
        this.check = check;
        this.factors = factors;
        this.trustedDevices = trustedDevices;
        this.policy = policy;
        this.hasher = hasher;
        this.limiter = limiter;
        this.mails = mails;
        this.audit = audit;
        this.transactions = transactions;
    }

    Status status(String userId) {
        UserAccount user = user(userId);
        boolean enabled = policy.enabled(userId);
        return new Status(enabled, policy.required(user.roles()), check.methods(userId),
                enabled ? recoveryCodes.remaining(userId) : 0);
    }

    /** A new pending TOTP secret; 409 while MFA is on. */
    TotpAuthenticator.Enrolment beginTotp(String userId) {
        return totp.begin(user(userId)).orElseThrow(() -> new ProblemException(ErrorCode.CONFLICT, 409,
                "MFA is already on; turn it off first to enrol a new authenticator.", List.of(), Map.of()));
    }

    /** MFA-1: the first correct code turns MFA on; returns the recovery codes, shown this once. */
    List<String> confirmTotp(String userId, String code, RequestOrigin origin) {
        limiter.consume(RatePolicy.MFA, RateSubject.ofUser(origin.ip(), userId));
        List<String> codes = transactions.execute(tx -> {
            if (!totp.confirm(userId, code)) {
                return null;
            }
            List<String> fresh = recoveryCodes.regenerate(userId);
            audit.record(AuditEvent.of("mfa.enabled", userId, origin).withDetail("method", TotpAuthenticator.METHOD));
            mails.enabled(userId);
            return fresh;
        });
        if (codes == null) {
            audit.record(AuditEvent.of("mfa.challenge_failed", userId, origin).withDetail("method", "totp")
                    .withDetail("purpose", "enrol"));
            throw SecondFactorCheck.invalid();
        }
        return codes;
    }

    /** Needs the password and a code (TOTP or recovery); refused while a role requires MFA (MFA-6). */
    void disable(String userId, String currentPassword, FactorAnswer answer, RequestOrigin origin) {
        UserAccount user = user(userId);
        CurrentPassword.require(hasher, user, currentPassword, audit, origin);
        requireEnabled(userId);
        if (policy.required(user.roles())) {
            throw new ProblemException(ErrorCode.CONFLICT, 409, "Your role requires MFA; it cannot be turned off.",
                    List.of(), Map.of());
        }
        check.verify(userId, answer, "disable", origin);
        transactions.executeWithoutResult(tx -> {
            factors.deleteAll(userId);
            int devices = trustedDevices.revokeAll(userId);
            audit.record(AuditEvent.of("mfa.disabled", userId, origin).withDetail("trusted_devices_revoked", devices));
            mails.disabled(userId);
        });
    }

    /** MFA-2: ten new codes replace all old ones; needs a current TOTP code. */
    List<String> regenerateRecoveryCodes(String userId, String code, RequestOrigin origin) {
        requireEnabled(userId);
        check.verify(userId, FactorAnswer.totp(code), "regenerate_recovery_codes", origin);
        return transactions.execute(tx -> {
            List<String> fresh = recoveryCodes.regenerate(userId);
            audit.record(AuditEvent.of("mfa.recovery_codes_regenerated", userId, origin));
            mails.recoveryCodesRegenerated(userId);
            return fresh;
        });
    }

    private void requireEnabled(String userId) {
        if (!policy.enabled(userId)) {
            throw new ProblemException(ErrorCode.CONFLICT, 409, "MFA is not on.", List.of(), Map.of());
        }
    }

    private UserAccount user(String userId) {
        return users.findById(userId).orElseThrow(() -> new ProblemException(ErrorCode.UNAUTHORIZED, 401,
                "The account no longer exists.", List.of(), Map.of()));
    }
}
