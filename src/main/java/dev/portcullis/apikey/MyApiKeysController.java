package dev.portcullis.apikey;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import dev.portcullis.shared.AuthenticatedUser;
import dev.portcullis.shared.ErrorCode;
import dev.portcullis.shared.ProblemException;
import dev.portcullis.shared.RequestOrigin;
import dev.portcullis.shared.RouteAccess;
import dev.portcullis.shared.StepUp;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * KEY-1: the caller's API keys. The key itself is in the 201 answer and nowhere else, ever. Creating
 * one is a sensitive action (MFA-5 step-up); another user's key is a 404 (no object-level leak).
 */
@RouteAccess(RouteAccess.ACCOUNT)
@RestController
class MyApiKeysController {

    record CreateRequest(@NotNull @Size(max = ApiKeys.MAX_NAME) String name,
            @NotNull @Size(max = 20) List<@NotNull @Size(max = 64) String> scopes, Integer expiresInDays) {
    }

    record CreatedResponse(String id, String name, String key, String prefix, List<String> scopes,
            Instant createdAt, Instant expiresAt) {

        @Override
        public String toString() {
            return "CreatedResponse[id=" + id + ", prefix=" + prefix + ", key=******]";
        }
    }

    private final ApiKeys keys;
    private final StepUp stepUp;

    MyApiKeysController(ApiKeys keys, StepUp stepUp) {
        this.keys = keys;
        this.stepUp = stepUp;
    }

    @GetMapping("/api/v1/me/api-keys")
    List<ApiKey> list(@AuthenticationPrincipal AuthenticatedUser caller) {
        return keys.list(caller.userId());
    }

    @PostMapping("/api/v1/me/api-keys")
    ResponseEntity<CreatedResponse> create(@AuthenticationPrincipal AuthenticatedUser caller,
            @Valid @RequestBody CreateRequest body, @RequestHeader(name = StepUp.HEADER, required = false) String mfaCode,
            RequestOrigin origin) {
        stepUp.require(caller, mfaCode, origin);
        CreatedApiKey created = keys.create(caller.userId(), body.name(), body.scopes(), body.expiresInDays(),
                caller.multiFactor(), origin);
        ApiKey key = created.key();
        return ResponseEntity.created(URI.create("/api/v1/me/api-keys/" + key.id()))
                .header("Cache-Control", "no-store")
                .body(new CreatedResponse(key.id(), key.name(), created.value(), key.prefix(), key.scopes(),
                        key.createdAt(), key.expiresAt()));
    }

    @DeleteMapping("/api/v1/me/api-keys/{id}")
    ResponseEntity<Void> revoke(@AuthenticationPrincipal AuthenticatedUser caller, @PathVariable String id,
            RequestOrigin origin) {
        if (id.length() > 64 || !keys.revoke(caller.userId(), id, origin)) {
            throw new ProblemException(ErrorCode.NOT_FOUND, 404, "No such API key.", List.of(), Map.of());
        }
        return ResponseEntity.noContent().build();
    }
}
