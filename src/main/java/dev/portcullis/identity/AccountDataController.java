package dev.portcullis.identity;

import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import dev.portcullis.shared.AuthenticatedUser;
import dev.portcullis.shared.RequestOrigin;
import dev.portcullis.shared.StepUp;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import dev.portcullis.shared.RouteAccess;

/** ACC-8: the caller's data — {@code GET /api/v1/me/export} and {@code DELETE /api/v1/me}. */
@RouteAccess(RouteAccess.ACCOUNT)
@RestController
class AccountDataController {

    static final String EXPORT_FILENAME = "portcullis-export.json";

    record AccountDeletionRequest(@NotNull @Size(max = 1024) String currentPassword) {

        @Override
        public String toString() {
            return "AccountDeletionRequest[******]";
        }
    }

    private final AccountExport export;
    private final AccountDeletion deletion;
    private final StepUp stepUp;

    AccountDataController(AccountExport export, AccountDeletion deletion, StepUp stepUp) {
        this.export = export;
        this.deletion = deletion;
        this.stepUp = stepUp;
    }

    /** A download: {@code attachment}, and never cached anywhere (it is all of the caller's personal data). */
    @GetMapping("/api/v1/me/export")
    ResponseEntity<AccountExport.Document> export(@AuthenticationPrincipal AuthenticatedUser caller,
            RequestOrigin origin) {
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment().filename(EXPORT_FILENAME).build().toString())
                .cacheControl(CacheControl.noStore())
                .body(export.export(caller.userId(), caller.sessionId(), origin));
    }

    /**
     * Takes effect at once: this and every other session end; the data is purged after the grace period.
     * MFA-5: step-up.
     */
    @DeleteMapping("/api/v1/me")
    ResponseEntity<Void> delete(@AuthenticationPrincipal AuthenticatedUser caller,
            @Valid @RequestBody AccountDeletionRequest body, @RequestHeader(name = StepUp.HEADER, required = false)
            String mfaCode, RequestOrigin origin) {
        stepUp.require(caller, mfaCode, origin);
        deletion.delete(caller.userId(), body.currentPassword(), origin);
        return ResponseEntity.noContent().build();
    }
}
