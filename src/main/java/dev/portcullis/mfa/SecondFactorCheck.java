package dev.portcullis.mfa;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Component;

import dev.portcullis.audit.AuditEvent;
import dev.portcullis.audit.AuditLog;
import dev.portcullis.ratelimit.RateLimiter;
import dev.portcullis.ratelimit.RatePolicy;
import dev.portcullis.ratelimit.RateSubject;
import dev.portcullis.shared.ErrorCode;
import dev.portcullis.shared.ProblemException;
import dev.portcullis.shared.RequestOrigin;

/**
 * Every second-factor verification passes here (login challenge, step-up, disabling, regenerating,
 * confirming an enrolment): it is counted by the {@code mfa} rate limit keyed on the user before
 * anything is checked (MFA-3: six digits fall to guessing without it), and a failure is audited.
 */
@Component
class SecondFactorCheck {

    private final List<Factor> factors;
    private final RateLimiter limiter;
    private final AuditLog audit;

    SecondFactorCheck(List<Factor> factors, RateLimiter limiter, AuditLog audit) {
        this.factors = factors;
        this.limiter = limiter;
        this.audit = audit;
    }

    /** The methods the user can answer a challenge with, in a stable order. */
    List<String> methods(String userId) {
        return factors.stream().filter(f -> f.enrolled(userId)).map(Factor::method).sorted(this::byRank).toList();
    }

    /**
     * @return the RFC 8176 methods of the factor that was proven, after {@code pwd}
     * @throws ProblemException 401 {@code mfa_invalid}, or 429 {@code rate_limited}
     */
    List<String> verify(String userId, FactorAnswer answer, String purpose, RequestOrigin origin) {
        limiter.consume(RatePolicy.MFA, RateSubject.ofUser(origin.ip(), userId));
        Optional<Factor> factor = factors.stream().filter(f -> f.method().equals(answer.method())).findFirst();
        if (factor.isEmpty() || !factor.get().enrolled(userId) || !factor.get().verify(userId, answer.value())) {
            audit.record(AuditEvent.of("mfa.challenge_failed", userId, origin).withDetail("method", answer.method())
                    .withDetail("purpose", purpose));
            throw invalid();
        }
        factor.get().used(userId, origin);
        return factor.get().amr();
    }

    static ProblemException invalid() {
        return new ProblemException(ErrorCode.MFA_INVALID, 401, "The code is wrong, expired or already used.",
                List.of(), Map.of());
    }

    /** TOTP first: the method clients should offer by default. */
    private int byRank(String a, String b) {
        return Integer.compare(rank(a), rank(b));
    }

    private static int rank(String method) {
        return TotpAuthenticator.METHOD.equals(method) ? 0 : RecoveryCodes.METHOD.equals(method) ? 2 : 1;
    }
}
