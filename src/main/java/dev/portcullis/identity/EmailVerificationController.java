package dev.portcullis.identity;

import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import dev.portcullis.ratelimit.RateLimiter;
import dev.portcullis.ratelimit.RatePolicy;
import dev.portcullis.ratelimit.RateSubject;
import dev.portcullis.shared.RequestOrigin;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import dev.portcullis.shared.RouteAccess;

/** {@code POST /api/v1/auth/verify-email} and {@code …/verify-email/resend} (API.md, ACC-2, ACC-3). */
@RouteAccess(RouteAccess.PUBLIC)
@RestController
class EmailVerificationController {

    private final EmailVerification verification;
    private final RateLimiter limiter;

    EmailVerificationController(EmailVerification verification, RateLimiter limiter) {
        this.verification = verification;
        this.limiter = limiter;
    }

    @PostMapping("/api/v1/auth/verify-email")
    ResponseEntity<Void> verify(@Validated @RequestBody TokenRequest request, RequestOrigin origin) {
        limiter.consume(RatePolicy.VERIFY, RateSubject.ofIp(origin.ip()));
        verification.verify(request.token(), origin);
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/api/v1/auth/verify-email/resend")
    ResponseEntity<AcceptedResponse> resend(@Validated @RequestBody EmailRequest request, RequestOrigin origin) {
        // Counted by the email as typed (normalised), known or not: the 429 says nothing about accounts.
        limiter.consume(RatePolicy.RESEND, RateSubject.ofAccount(origin.ip(), request.email()));
        verification.resend(request.email(), origin);
        return ResponseEntity.accepted().body(AcceptedResponse.VERIFICATION_SENT);
    }

    /** No size limit here: an absurd token is not a validation error but one more invalid token. */
    record TokenRequest(@NotNull String token) {
    }

    record EmailRequest(@NotNull @Size(max = 1024) String email) {
    }
}
