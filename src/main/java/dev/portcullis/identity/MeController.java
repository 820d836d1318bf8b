package dev.portcullis.identity;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import dev.portcullis.shared.AuthenticatedUser;
import dev.portcullis.shared.EmailAddress;
import dev.portcullis.shared.ErrorCode;
import dev.portcullis.shared.ProblemException;
import dev.portcullis.shared.RequestOrigin;
import dev.portcullis.shared.StepUp;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import dev.portcullis.shared.RouteAccess;

/**
 * The caller's own account: {@code GET/PATCH /api/v1/me}, password change (ACC-7) and email change
 * (ACC-6). Only fields listed here can be sent; {@code roles}, {@code status} or
 * {@code email_verified} in a body are unknown fields and refused with 400 (no mass assignment).
 */
@RouteAccess(RouteAccess.ACCOUNT)
@RestController
class MeController {

    /** Bounds the Argon2 input; the policy's own maximum applies to new passwords. */
    private static final int MAX_PASSWORD_CHARS = 1024;

    record Profile(String id, String email, boolean emailVerified, String displayName, List<String> roles,
            boolean mfaEnabled, Instant createdAt) {
    }

    record ProfileUpdate(@Size(max = 200) String displayName) {
    }

    record PasswordChangeRequest(@NotNull @Size(max = MAX_PASSWORD_CHARS) String currentPassword,
            @NotNull @Size(max = MAX_PASSWORD_CHARS) String newPassword, @Size(max = 64) String mfaCode) {

        @Override
        public String toString() {
            return "PasswordChangeRequest[******]";
        }
    }

    record EmailChangeRequest(@NotNull @Size(max = EmailAddress.MAX_LENGTH) String newEmail,
            @NotNull @Size(max = MAX_PASSWORD_CHARS) String currentPassword) {

        @Override
        public String toString() {
            return "EmailChangeRequest[******]";
        }
    }

    record TokenRequest(@NotNull @Size(max = 128) String token) {

        @Override
        public String toString() {
            return "TokenRequest[token=******]";
        }
    }

    private final Users users;
    private final ProfileChange profiles;
    private final PasswordChange passwords;
    private final EmailChange emails;
    private final StepUp stepUp;
    private final SecondFactorStatus secondFactor;

    MeController(Users users, ProfileChange profiles, PasswordChange passwords, EmailChange emails, StepUp stepUp,
            SecondFactorStatus secondFactor) {
        this.users = users;
        this.profiles = profiles;
        this.passwords = passwords;
        this.emails = emails;
        this.stepUp = stepUp;
        this.secondFactor = secondFactor;
    }

    @GetMapping("/api/v1/me")
    Profile me(@AuthenticationPrincipal AuthenticatedUser caller) {
        return profile(users.findById(caller.userId()).orElseThrow(MeController::gone));
    }

    private Profile profile(UserAccount user) {
        return new Profile(user.id(), user.email().value(), user.emailVerified(), user.displayName(),
                user.roles().stream().sorted().toList(), secondFactor.enabled(user.id()), user.createdAt());
    }

    @PatchMapping("/api/v1/me")
    Profile update(@AuthenticationPrincipal AuthenticatedUser caller, @Valid @RequestBody ProfileUpdate body,
            RequestOrigin origin) {
        if (body.displayName() == null) {
            return me(caller);
        }
        return profile(profiles.updateDisplayName(caller.userId(), body.displayName(), origin));
    }

    /** ACC-7: every other session ends; this one stays signed in. MFA-5: step-up (mfa_code or the header). */
    @PostMapping("/api/v1/me/password")
    ResponseEntity<Void> changePassword(@AuthenticationPrincipal AuthenticatedUser caller,
            @Valid @RequestBody PasswordChangeRequest body, @RequestHeader(name = StepUp.HEADER, required = false)
            String mfaCode, RequestOrigin origin) {
        stepUp.require(caller, body.mfaCode() != null ? body.mfaCode() : mfaCode, origin);
        passwords.changePassword(caller.userId(), body.currentPassword(), body.newPassword(), caller.sessionId(),
                origin);
        return ResponseEntity.noContent().build();
    }

    /** ACC-6: a link goes to the new address; the address changes only when it is followed. MFA-5: step-up. */
    @PostMapping("/api/v1/me/email")
    ResponseEntity<Void> changeEmail(@AuthenticationPrincipal AuthenticatedUser caller,
            @Valid @RequestBody EmailChangeRequest body, @RequestHeader(name = StepUp.HEADER, required = false)
            String mfaCode, RequestOrigin origin) {
        stepUp.require(caller, mfaCode, origin);
        emails.requestEmailChange(caller.userId(), body.newEmail(), body.currentPassword(), origin);
        return ResponseEntity.status(HttpStatus.ACCEPTED).build();
    }

    @PostMapping("/api/v1/me/email/confirm")
    ResponseEntity<Void> confirmEmail(@AuthenticationPrincipal AuthenticatedUser caller,
            @Valid @RequestBody TokenRequest body, RequestOrigin origin) {
        emails.confirmEmailChange(body.token(), origin);
        return ResponseEntity.noContent().build();
    }

    private static ProblemException gone() {
        return new ProblemException(ErrorCode.UNAUTHORIZED, 401, "The account no longer exists.", List.of(), Map.of());
    }
}
