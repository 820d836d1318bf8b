package dev.portcullis.mfa;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Component;

import dev.portcullis.ratelimit.RateLimiter;
import dev.portcullis.ratelimit.RatePolicy;
import dev.portcullis.ratelimit.RateSubject;
import dev.portcullis.shared.ErrorCode;
import dev.portcullis.shared.ProblemException;
import dev.portcullis.shared.RequestOrigin;
import dev.portcullis.shared.SecretTokens;

/**
 * MFA-3: sign-in with a second factor is two steps. A correct password yields an mfa_token: 256
 * random bits, only its SHA-256 stored, valid for {@code portcullis.mfa.challenge-lifetime}, bound
 * to the user and the attempt's "remember me". The token plus a correct factor completes the sign-in
 * once; every answer counts against the user's {@code mfa} rate limit.
 */
@Component
public class MfaChallenges {

    /** What the client receives instead of tokens. */
    public record Challenge(String mfaToken, List<String> methods) {

        @Override
        public String toString() {
            return "Challenge[methods=" + methods + ", mfaToken=******]";
        }
    }

    /** A completed challenge: the session may start, with these RFC 8176 methods. */
    public record Completed(String userId, boolean rememberMe, List<String> amr) {
    }

    private final ChallengeRepository challenges;
    private final SecondFactorCheck check;
    private final SecretTokens tokens;
    private final RateLimiter limiter;
    private final MfaProperties properties;
    private final Clock clock;

    MfaChallenges(ChallengeRepository challenges, SecondFactorCheck check, SecretTokens tokens, RateLimiter limiter,
            MfaProperties properties, Clock clock) {
        this.challenges = challenges;
        this.check = check;
        this.tokens = tokens;
        this.limiter = limiter;
        this.properties = properties;
        this.clock = clock;
    }

    /** A challenge for a user whose password was right, or empty when the user has no second factor. */
    public Optional<Challenge> begin(String userId, boolean rememberMe) {
        return begin(userId, rememberMe, "pwd");
    }

    /**
     * A challenge after a first factor with the RFC 8176 method {@code firstFactor} ({@code pwd}, or
     * {@code fed} after a provider sign-in, ASVS 6.3.4): the completed sign-in reports that method, so a
     * provider sign-in plus TOTP never claims a password.
     */
    public Optional<Challenge> begin(String userId, boolean rememberMe, String firstFactor) {
        List<String> methods = check.methods(userId);
        if (methods.isEmpty()) {
            return Optional.empty();
        }
        String token = tokens.newToken();
        Instant now = clock.instant();
        challenges.insert(SecretTokens.hash(token), userId, rememberMe, firstFactor, now, now.plus(properties.challengeLifetime()));
        return Optional.of(new Challenge(token, methods));
    }

    /**
     * @throws ProblemException 401 {@code invalid_token} for an unknown, expired or used mfa_token;
     *         401 {@code mfa_invalid} for a wrong answer; 429 past the rate limit
     */
    public Completed complete(String mfaToken, FactorAnswer answer, RequestOrigin origin) {
        String hash = SecretTokens.hash(mfaToken);
        Optional<ChallengeRepository.ChallengeRow> open = challenges.findOpen(hash, clock.instant());
        if (open.isEmpty()) {
            // Guessing tokens costs the caller's IP allowance of the same policy.
            limiter.consume(RatePolicy.MFA, RateSubject.ofIp(origin.ip()));
            throw invalidToken();
        }
        ChallengeRepository.ChallengeRow row = open.get();
        List<String> amr = new ArrayList<>(List.of(row.firstFactor()));
        // Not one transaction: a failure's audit event must survive the refusal. A factor used up by a
        // request that then loses the race for the challenge (the same token sent twice) costs nothing
        // but that one code.
        amr.addAll(check.verify(row.userId(), answer, "login", origin));
        if (!challenges.markUsed(hash, clock.instant())) {
            throw invalidToken();
        }
        return new Completed(row.userId(), row.rememberMe(), List.copyOf(amr));
    }

    private static ProblemException invalidToken() {
        return new ProblemException(ErrorCode.INVALID_TOKEN, 401, "The MFA challenge is unknown, expired or used; "
                + "sign in again.", List.of(), Map.of());
    }
}
