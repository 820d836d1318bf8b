package dev.portcullis.mfa;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import dev.portcullis.shared.AuthenticatedUser;
import dev.portcullis.shared.ErrorCode;
import dev.portcullis.shared.ProblemException;
import dev.portcullis.shared.RequestOrigin;
import dev.portcullis.shared.RouteAccess;

/**
 * MFA-4, TOK-5: the caller's trusted browsers, listed next to the sessions and revocable one by one.
 * Another user's device is a 404.
 */
@RouteAccess(RouteAccess.ACCOUNT)
@RestController
class TrustedDevicesController {

    record TrustedDeviceResponse(String id, Instant createdAt, Instant expiresAt, Instant lastUsedAt, String ip,
            String userAgent) {
    }

    private final TrustedDevices devices;

    TrustedDevicesController(TrustedDevices devices) {
        this.devices = devices;
    }

    @GetMapping("/api/v1/me/trusted-devices")
    List<TrustedDeviceResponse> list(@AuthenticationPrincipal AuthenticatedUser caller) {
        return devices.list(caller.userId()).stream().map(d -> new TrustedDeviceResponse(d.id(), d.createdAt(),
                d.expiresAt(), d.lastUsedAt(), d.ip(), d.userAgent())).toList();
    }

    @DeleteMapping("/api/v1/me/trusted-devices/{id}")
    ResponseEntity<Void> revoke(@AuthenticationPrincipal AuthenticatedUser caller, @PathVariable String id,
            RequestOrigin origin) {
        if (id.length() > 64 || !devices.revoke(caller.userId(), id, origin)) {
            throw new ProblemException(ErrorCode.NOT_FOUND, 404, "No such trusted device.", List.of(), Map.of());
        }
        return ResponseEntity.noContent().build();
    }
}
