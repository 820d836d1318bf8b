package dev.portcullis.mfa;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

import dev.portcullis.shared.AuthenticatedUser;
import dev.portcullis.shared.ErrorCode;
import dev.portcullis.shared.ProblemException;
import dev.portcullis.shared.RequestOrigin;
import dev.portcullis.shared.StepUp;

/**
 * MFA-5: a sensitive action needs a sign-in no older than {@code portcullis.mfa.step-up-window}
 * (the access token's {@code auth_time}, which refresh never renews), or a fresh TOTP code sent with
 * the request. Users without MFA have only the first way: they sign in again.
 */
@Component
class StepUpRule implements StepUp {

    private final SecondFactorCheck check;
    private final MfaPolicy policy;
    private final MfaProperties properties;
    private final Clock clock;

    StepUpRule(SecondFactorCheck check, MfaPolicy policy, MfaProperties properties, Clock clock) {
        this.check = check;
        this.policy = policy;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public void require(AuthenticatedUser caller, String mfaCode, RequestOrigin origin) {
        Instant authTime = caller.authTime();
        if (authTime != null && !authTime.plus(properties.stepUpWindow()).isBefore(clock.instant())) {
            return;
        }
        // Without MFA a code cannot help: the answer says to sign in again, not that the code was wrong.
        if (mfaCode == null || mfaCode.isBlank() || !policy.enabled(caller.userId())) {
            throw new ProblemException(ErrorCode.STEP_UP_REQUIRED, 403, "This action needs a recent sign-in: sign in "
                    + "again, or send a current code from your authenticator in the " + HEADER + " header.",
                    List.of(), Map.of());
        }
        check.verify(caller.userId(), FactorAnswer.totp(mfaCode.strip()), "step_up", origin);
    }
}
