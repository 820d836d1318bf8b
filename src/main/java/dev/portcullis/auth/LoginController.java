package dev.portcullis.auth;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import dev.portcullis.captcha.Captcha;
import dev.portcullis.mfa.TrustedDevices;
import dev.portcullis.shared.EmailAddress;
import dev.portcullis.shared.RequestOrigin;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import dev.portcullis.shared.RouteAccess;

/** {@code POST /api/v1/auth/login} (LOG-1): tokens in the body, or in cookies for browsers (TOK-6). */
@RouteAccess(RouteAccess.PUBLIC)
@RestController
class LoginController {

    /** Generous, but bounds the Argon2 input: the policy's own maximum is checked at sign-up. */
    private static final int MAX_PASSWORD_CHARS = 1024;

    record LoginRequest(@NotNull @Size(max = EmailAddress.MAX_LENGTH) String email,
            @NotNull @Size(min = 1, max = MAX_PASSWORD_CHARS) String password, Boolean rememberMe) {

        @Override
        public String toString() {
            return "LoginRequest[password=******]";
        }
    }

    private final PasswordLogin login;

    LoginController(PasswordLogin login) {
        this.login = login;
    }

    /** MFA-3: the 200 answer is tokens, or for a user with MFA the challenge of the second step. */
    @PostMapping("/api/v1/auth/login")
    @ApiResponse(responseCode = "200", description = "Tokens, or an MFA challenge to answer at /api/v1/auth/mfa",
            content = @Content(mediaType = "application/json", schema = @Schema(oneOf = { TokenResponse.class,
                    MfaSecondFactor.MfaRequired.class })))
    ResponseEntity<Object> login(@Valid @RequestBody LoginRequest body, RequestOrigin origin,
            HttpServletRequest request, HttpServletResponse response) {
        EmailAddress email = EmailAddress.parse(body.email());
        LoginOutcome outcome = login.login(new LoginAttempt(email, body.password(),
                Boolean.TRUE.equals(body.rememberMe()), origin, TokenCookies.read(request, LoginDevices.COOKIE).orElse(null),
                request.getHeader(Captcha.HEADER), TokenCookies.read(request, TrustedDevices.COOKIE).orElse(null),
                PasswordLogin.PASSWORD_AMR.get(0)));
        if (outcome instanceof LoginOutcome.ChallengeRequired challenge) {
            return ResponseEntity.ok(challenge.challenge());
        }
        return ResponseEntity.ok(deliver((LoginOutcome.SignedIn) outcome, request, response));
    }

    /** The end of every sign-in (password, MFA, provider): the renewed LOG-3 device cookie, and the tokens as asked. */
    static TokenResponse deliver(LoginOutcome.SignedIn signedIn, HttpServletRequest request,
            HttpServletResponse response) {
        response.addHeader(HttpHeaders.SET_COOKIE, signedIn.deviceCookie().toString());
        return TokenCookies.deliver(signedIn.tokens(), TokenCookies.cookieModeRequested(request), response);
    }
}
