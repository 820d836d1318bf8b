package dev.portcullis.mfa;

import java.util.List;

import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import dev.portcullis.shared.AuthenticatedUser;
import dev.portcullis.shared.RequestOrigin;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import dev.portcullis.shared.RouteAccess;

/** The caller's second factor: {@code /api/v1/me/mfa} (MFA-1, MFA-2, MFA-5). */
@RouteAccess(RouteAccess.ACCOUNT)
@RestController
class MfaController {

    record StatusResponse(boolean enabled, boolean required, List<String> methods, int recoveryCodesRemaining) {
    }

    record EnrolmentResponse(String secret, String otpauthUri, String qrPngDataUri) {

        @Override
        public String toString() {
            return "EnrolmentResponse[******]";
        }
    }

    record CodeRequest(@NotNull @Size(max = 16) String code) {

        @Override
        public String toString() {
            return "CodeRequest[******]";
        }
    }

    record DisableRequest(@Size(max = 16) String code, @Size(max = 64) String recoveryCode,
            @NotNull @Size(max = 1024) String currentPassword) {

        @Override
        public String toString() {
            return "DisableRequest[******]";
        }
    }

    record RecoveryCodesResponse(List<String> recoveryCodes) {

        @Override
        public String toString() {
            return "RecoveryCodesResponse[******]";
        }
    }

    private final MfaSettings settings;

    MfaController(MfaSettings settings) {
        this.settings = settings;
    }

    @GetMapping("/api/v1/me/mfa")
    StatusResponse status(@AuthenticationPrincipal AuthenticatedUser caller) {
        MfaSettings.Status status = settings.status(caller.userId());
        return new StatusResponse(status.enabled(), status.required(), status.methods(),
                status.recoveryCodesRemaining());
    }

    /** MFA-1: a new secret, to be confirmed with its first code; shown once, stored encrypted. */
    @PostMapping("/api/v1/me/mfa/totp")
    EnrolmentResponse enrol(@AuthenticationPrincipal AuthenticatedUser caller) {
        TotpAuthenticator.Enrolment enrolment = settings.beginTotp(caller.userId());
        return new EnrolmentResponse(enrolment.secret(), enrolment.otpauthUri(), enrolment.qrPngDataUri());
    }

    @PostMapping("/api/v1/me/mfa/totp/confirm")
    RecoveryCodesResponse confirm(@AuthenticationPrincipal AuthenticatedUser caller,
            @Valid @RequestBody CodeRequest body, RequestOrigin origin) {
        return new RecoveryCodesResponse(settings.confirmTotp(caller.userId(), body.code().strip(), origin));
    }

    /** MFA-5: the password and a fresh code (TOTP or recovery code) are the step-up. */
    @DeleteMapping("/api/v1/me/mfa/totp")
    ResponseEntity<Void> disable(@AuthenticationPrincipal AuthenticatedUser caller,
            @Valid @RequestBody DisableRequest body, RequestOrigin origin) {
        FactorAnswer answer = FactorAnswer.fromFields(body.code(), body.recoveryCode());
        settings.disable(caller.userId(), body.currentPassword(), answer, origin);
        return ResponseEntity.noContent().build();
    }

    /** MFA-2, MFA-5: a current TOTP code is the step-up. */
    @PostMapping("/api/v1/me/mfa/recovery-codes")
    RecoveryCodesResponse regenerate(@AuthenticationPrincipal AuthenticatedUser caller,
            @Valid @RequestBody CodeRequest body, RequestOrigin origin) {
        return new RecoveryCodesResponse(settings.regenerateRecoveryCodes(caller.userId(), body.code().strip(),
                origin));
    }
}
