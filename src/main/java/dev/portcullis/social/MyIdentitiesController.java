package dev.portcullis.social;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseCookie;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.CookieValue;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.portcullis.shared.AuthenticatedUser;
import dev.portcullis.shared.ErrorCode;
import dev.portcullis.shared.ProblemException;
import dev.portcullis.shared.RequestOrigin;
import dev.portcullis.shared.RouteAccess;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

/** OAU-4: the caller's linked provider identities ({@code /api/v1/me/identities}). */
@RestController
@RouteAccess(RouteAccess.ACCOUNT)
class MyIdentitiesController {

    private final IdentityLinks links;

    MyIdentitiesController(IdentityLinks links) {
        this.links = links;
    }

    @GetMapping("/api/v1/me/identities")
    @Operation(summary = "The caller's linked social identities (OAU-4)")
    List<IdentityLinks.LinkedIdentity> list(@AuthenticationPrincipal AuthenticatedUser caller) {
        return links.of(caller.userId());
    }

    @DeleteMapping("/api/v1/me/identities/{id}")
    @Operation(summary = "Unlink a social identity (OAU-4)")
    @ApiResponse(responseCode = "204", description = "Unlinked")
    @ApiResponse(responseCode = "404", description = "not_found: no such identity of the caller")
    @ApiResponse(responseCode = "409", description = "conflict: it is the last way to sign in (no password, no "
            + "other identity)")
    ResponseEntity<Void> unlink(@AuthenticationPrincipal AuthenticatedUser caller, @PathVariable String id,
            RequestOrigin origin) {
        if (id.length() > 64) {
            throw new ProblemException(ErrorCode.NOT_FOUND, 404, "No such linked identity.", List.of(), Map.of());
        }
        links.unlink(caller.userId(), id, origin);
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/api/v1/me/identities/pending")
    @Operation(summary = "Confirm the pending link of this browser (OAU-4)", description = "After a provider "
            + "sign-in met an existing account with the same email, its owner signs in with the password (and "
            + "second factor) in the same browser and confirms here; the session must have been signed in with the "
            + "password after the provider sign-in.")
    @ApiResponse(responseCode = "201", description = "Linked")
    @ApiResponse(responseCode = "400", description = "invalid_token: no pending link in this browser, or it expired")
    @ApiResponse(responseCode = "403", description = "forbidden: another account's link, or no password sign-in since")
    ResponseEntity<IdentityLinks.LinkedIdentity> completePending(@AuthenticationPrincipal AuthenticatedUser caller,
            @CookieValue(name = SocialLoginController.LINK_COOKIE, required = false) String cookie,
            RequestOrigin origin) {
        IdentityLinks.LinkedIdentity linked = links.completePending(cookie, caller, origin);
        return ResponseEntity.status(HttpStatus.CREATED)
                .header(HttpHeaders.SET_COOKIE, ResponseCookie.from(SocialLoginController.LINK_COOKIE, "").path("/")
                        .secure(true).httpOnly(true).sameSite("Strict").maxAge(Duration.ZERO).build().toString())
                .body(linked);
    }
}
