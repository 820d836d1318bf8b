package dev.portcullis.identity;

import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import dev.portcullis.captcha.Captcha;
import dev.portcullis.ratelimit.RateLimiter;
import dev.portcullis.ratelimit.RatePolicy;
import dev.portcullis.ratelimit.RateSubject;
import dev.portcullis.shared.RequestOrigin;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import dev.portcullis.shared.RouteAccess;

/** {@code POST /api/v1/auth/password/forgot} and {@code …/password/reset} (API.md, RST-1, RST-2). */
@RouteAccess(RouteAccess.PUBLIC)
@RestController
class PasswordResetController {

    private final PasswordReset reset;
    private final RateLimiter limiter;
    private final Captcha captcha;

    PasswordResetController(PasswordReset reset, RateLimiter limiter, Captcha captcha) {
        this.reset = reset;
        this.limiter = limiter;
        this.captcha = captcha;
    }

    @PostMapping("/api/v1/auth/password/forgot")
    ResponseEntity<AcceptedResponse> forgot(@Validated @RequestBody ForgotRequest request,
            @RequestHeader(name = Captcha.HEADER, required = false) String captchaToken, RequestOrigin origin) {
        // Counted by the email as typed (normalised), known or not: the 429 says nothing about accounts.
        limiter.consume(RatePolicy.FORGOT, RateSubject.ofAccount(origin.ip(), request.email()));
        if (captcha.required(0)) {
            captcha.verify(captchaToken, origin);
        }
        reset.requestReset(request.email(), origin);
        return ResponseEntity.accepted().body(AcceptedResponse.RESET_SENT);
    }

    @PostMapping("/api/v1/auth/password/reset")
    ResponseEntity<Void> reset(@Validated @RequestBody ResetRequest request, RequestOrigin origin) {
        limiter.consume(RatePolicy.RESET_POST, RateSubject.ofIp(origin.ip()));
        reset.reset(request.token(), request.newPassword(), origin);
        return ResponseEntity.noContent().build();
    }

    record ForgotRequest(@NotNull @Size(max = 1024) String email) {
    }

    /** The password's real limit (128 code points after NFKC) is the policy's, with its own code. */
    record ResetRequest(@NotNull String token, @NotNull @Size(max = 1024) String newPassword) {
    }
}
