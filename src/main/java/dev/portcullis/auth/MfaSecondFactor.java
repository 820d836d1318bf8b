package dev.portcullis.auth;

import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Component;

import dev.portcullis.identity.UserAccount;
import dev.portcullis.mfa.MfaChallenges;
import dev.portcullis.mfa.MfaPolicy;
import dev.portcullis.mfa.TrustedDevices;

/**
 * MFA-3, MFA-4: a user with a second factor gets a challenge instead of tokens, unless the browser
 * holds that user's trusted-device cookie. Users whose role requires MFA (MFA-6) are challenged on
 * every sign-in: "remember this device" does not apply to them.
 */
@Component
class MfaSecondFactor implements SecondFactor {

    /** The body of the 200 answer to the password step (API.md). */
    record MfaRequired(boolean mfaRequired, String mfaToken, List<String> methods) {

        @Override
        public String toString() {
            return "MfaRequired[methods=" + methods + ", mfaToken=******]";
        }
    }

    private final MfaChallenges challenges;
    private final TrustedDevices trustedDevices;
    private final MfaPolicy policy;

    MfaSecondFactor(MfaChallenges challenges, TrustedDevices trustedDevices, MfaPolicy policy) {
        this.challenges = challenges;
        this.trustedDevices = trustedDevices;
        this.policy = policy;
    }

    @Override
    public Optional<Object> challenge(UserAccount user, LoginAttempt attempt) {
        if (!policy.required(user.roles()) && trustedDevices.trusts(attempt.trustedDeviceCookie(), user.id())) {
            return Optional.empty();
        }
        return challenges.begin(user.id(), attempt.rememberMe(), attempt.firstFactor())
                .map(c -> new MfaRequired(true, c.mfaToken(), c.methods()));
    }
}
