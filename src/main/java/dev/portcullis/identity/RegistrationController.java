package dev.portcullis.identity;

import org.springframework.http.HttpHeaders;
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

/** {@code POST /api/v1/auth/register} (API.md, ACC-1): always 202 once the input is valid. */
@RouteAccess(RouteAccess.PUBLIC)
@RestController
class RegistrationController {

    private final Registration registration;
    private final RateLimiter limiter;
    private final Captcha captcha;

    RegistrationController(Registration registration, RateLimiter limiter, Captcha captcha) {
        this.registration = registration;
        this.limiter = limiter;
        this.captcha = captcha;
    }

    @PostMapping("/api/v1/auth/register")
    ResponseEntity<AcceptedResponse> register(@Validated @RequestBody RegisterRequest request,
            @RequestHeader(name = HttpHeaders.ACCEPT_LANGUAGE, required = false) String acceptLanguage,
            @RequestHeader(name = Captcha.HEADER, required = false) String captchaToken, RequestOrigin origin) {
        limiter.consume(RatePolicy.SIGNUP, RateSubject.ofIp(origin.ip()));
        if (captcha.required(0)) {
            captcha.verify(captchaToken, origin);
        }
        registration.register(request.email(), request.password(), request.displayName(), acceptLanguage, origin);
        return ResponseEntity.accepted().body(AcceptedResponse.VERIFICATION_SENT);
    }

    /**
     * The sizes here are coarse guards against absurd input; the exact limits (254 for the email,
     * 128 code points after NFKC for the password, 50 for the name) are checked with their own codes.
     */
    record RegisterRequest(@NotNull @Size(max = 1024) String email, @NotNull @Size(max = 1024) String password,
            @Size(max = 1024) String displayName) {
    }
}
