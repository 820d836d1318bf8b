package dev.portcullis.auth;

import java.util.List;
import java.util.Map;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import dev.portcullis.identity.UserAccount;
import dev.portcullis.identity.Users;
import dev.portcullis.mfa.FactorAnswer;
import dev.portcullis.mfa.MfaChallenges;
import dev.portcullis.mfa.MfaPolicy;
import dev.portcullis.mfa.TrustedDevices;
import dev.portcullis.shared.ErrorCode;
import dev.portcullis.shared.ProblemException;
import dev.portcullis.shared.RequestOrigin;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import dev.portcullis.shared.RouteAccess;

/**
 * {@code POST /api/v1/auth/mfa} (MFA-3): the second step of a sign-in. The mfa_token from the
 * password step and a TOTP code or a recovery code start the session exactly as the password alone
 * would for a user without MFA: tokens in the body or in cookies (TOK-6), the LOG-3 device cookie,
 * and with {@code trust_device} the MFA-4 trusted-device cookie.
 */
@RouteAccess(RouteAccess.PUBLIC)
@RestController
class MfaLoginController {

    record MfaLoginRequest(@NotNull @Size(max = 128) String mfaToken, @Size(max = 16) String code,
            @Size(max = 64) String recoveryCode, Boolean trustDevice) {

        @Override
        public String toString() {
            return "MfaLoginRequest[******]";
        }
    }

    private final MfaChallenges challenges;
    private final Users users;
    private final PasswordLogin login;
    private final LoginDevices devices;
    private final TrustedDevices trustedDevices;
    private final MfaPolicy policy;

    MfaLoginController(MfaChallenges challenges, Users users, PasswordLogin login, LoginDevices devices,
            TrustedDevices trustedDevices, MfaPolicy policy) {
        this.challenges = challenges;
        this.users = users;
        this.login = login;
        this.devices = devices;
        this.trustedDevices = trustedDevices;
        this.policy = policy;
    }

    @PostMapping("/api/v1/auth/mfa")
    ResponseEntity<TokenResponse> complete(@Valid @RequestBody MfaLoginRequest body, RequestOrigin origin,
            HttpServletRequest request, HttpServletResponse response) {
        FactorAnswer answer = FactorAnswer.fromFields(body.code(), body.recoveryCode());
        MfaChallenges.Completed completed = challenges.complete(body.mfaToken(), answer, origin);
        UserAccount user = users.findById(completed.userId()).orElseThrow(MfaLoginController::gone);
        // The account may have been blocked between the two steps.
        AccountGate.requireUsable(user.statusSnapshot());
        TokenGrant grant = login.startSession(user, completed.rememberMe(), completed.amr(), origin);
        if (Boolean.TRUE.equals(body.trustDevice()) && !policy.required(user.roles())) {
            response.addHeader(HttpHeaders.SET_COOKIE, trustedDevices.trust(user.id(), origin).toString());
        }
        String deviceCookie = TokenCookies.read(request, LoginDevices.COOKIE).orElse(null);
        LoginOutcome.SignedIn signedIn = new LoginOutcome.SignedIn(grant,
                devices.issue(user.id(), devices.trustedDevice(deviceCookie, user.id())));
        return ResponseEntity.ok(LoginController.deliver(signedIn, request, response));
    }

    private static ProblemException gone() {
        return new ProblemException(ErrorCode.INVALID_TOKEN, 401, "The account no longer exists.", List.of(), Map.of());
    }
}
