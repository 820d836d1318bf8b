package dev.portcullis.auth;

import java.util.List;
import java.util.Optional;

import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;

import dev.portcullis.audit.AuditEvent;
import dev.portcullis.audit.AuditLog;
import dev.portcullis.identity.UserAccount;
import dev.portcullis.mfa.TrustedDevices;
import dev.portcullis.shared.ProblemException;
import dev.portcullis.shared.RequestOrigin;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The one way another module signs a user in after proving who they are by other means than the
 * password (OAU-1: a provider sign-in). The rest is exactly the password path's: the account gate
 * (blocked, deactivated or unverified accounts are refused, LOG-1), the second factor when the user
 * has one (MFA-3, ASVS 6.3.4: every path equally strong), then the session with its tokens in browser
 * cookies (TOK-6) and the LOG-3 device cookie.
 */
@Component
public class SignIn {

    /** What a browser sign-in led to. */
    public sealed interface Outcome {
    }

    /** The session started; its cookies are on the response. */
    public record SignedIn(String userId, String sessionId) implements Outcome {
    }

    /**
     * MFA-3: the user has a second factor; the mfa_token completes the sign-in at
     * {@code POST /api/v1/auth/mfa}.
     */
    public record MfaRequired(String mfaToken, List<String> methods) implements Outcome {

        @Override
        public String toString() {
            return "MfaRequired[methods=" + methods + ", mfaToken=******]";
        }
    }

    private final PasswordLogin login;
    private final List<SecondFactor> secondFactors;
    private final LoginDevices devices;
    private final AuditLog audit;

    SignIn(PasswordLogin login, List<SecondFactor> secondFactors, LoginDevices devices, AuditLog audit) {
        this.login = login;
        this.secondFactors = secondFactors;
        this.devices = devices;
        this.audit = audit;
    }

    /**
     * Signs {@code user} in with the RFC 8176 method {@code method} (e.g. {@code fed}), answering in
     * browser cookie mode.
     *
     * @throws ProblemException 403 {@code account_disabled} / {@code email_not_verified} (LOG-1)
     */
    public Outcome browserSignIn(UserAccount user, String method, RequestOrigin origin, HttpServletRequest request,
            HttpServletResponse response) {
        try {
            AccountGate.requireUsable(user.statusSnapshot());
        } catch (ProblemException refused) {
            audit.record(AuditEvent.of("login.refused", user.id(), origin).withDetail("reason", refused.code().code())
                    .withDetail("method", method));
            throw refused;
        }
        String deviceCookie = TokenCookies.read(request, LoginDevices.COOKIE).orElse(null);
        LoginAttempt attempt = new LoginAttempt(user.email(), null, false, origin, deviceCookie, null,
                TokenCookies.read(request, TrustedDevices.COOKIE).orElse(null), method);
        for (SecondFactor factor : secondFactors) {
            Optional<Object> challenge = factor.challenge(user, attempt);
            if (challenge.isPresent()) {
                MfaSecondFactor.MfaRequired required = (MfaSecondFactor.MfaRequired) challenge.get();
                return new MfaRequired(required.mfaToken(), required.methods());
            }
        }
        TokenGrant grant = login.startSession(user, false, List.of(method), origin);
        // A browser arrives here by a redirect from the provider: it cannot ask for cookie mode with a
        // header, so the tokens always go into the TOK-6 cookies, never into a page.
        response.addHeader(HttpHeaders.SET_COOKIE,
                devices.issue(user.id(), devices.trustedDevice(deviceCookie, user.id())).toString());
        TokenCookies.deliver(grant, true, response);
        return new SignedIn(user.id(), grant.sessionId());
    }
}
