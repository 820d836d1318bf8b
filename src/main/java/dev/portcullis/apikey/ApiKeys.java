package dev.portcullis.apikey;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import javax.crypto.SecretKey;

import org.springframework.stereotype.Component;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import dev.portcullis.access.Permissions;
import dev.portcullis.audit.AuditEvent;
import dev.portcullis.audit.AuditLog;
import dev.portcullis.config.MasterSecret;
import dev.portcullis.identity.UserAccount;
import dev.portcullis.identity.Users;
import dev.portcullis.shared.ErrorCode;
import dev.portcullis.shared.FieldViolation;
import dev.portcullis.shared.Hmac;
import dev.portcullis.shared.ProblemException;
import dev.portcullis.shared.RequestOrigin;
import dev.portcullis.shared.SecretTokens;

/**
 * KEY-1..2: personal API keys. A key is {@code pc_<public id>_<secret>}; only an HMAC-SHA256 of it
 * under a server-side pepper (derived from the master secret) is stored, so a copy of the database
 * yields no usable key and no offline guessing against it. Scopes are a subset of the owner's
 * permissions when the key is made, and the request check intersects them with the owner's
 * permissions at every use.
 */
@Component
public class ApiKeys {

    static final int MAX_NAME = 100;
    private static final int MAX_CACHED = 100_000;

    private final ApiKeyRepository repository;
    private final Users users;
    private final Permissions permissions;
    private final AuditLog audit;
    private final SecretTokens tokens;
    private final ApiKeyProperties properties;
    private final Clock clock;
    private final SecretKey pepper;
    /** Verified keys by the HMAC of the presented value, for at most the revocation-check interval. */
    private final Cache<String, ApiKeyRepository.Row> verified;
    /** When this instance last wrote each key's use (KEY-1 batching); entries outlive the interval. */
    private final Cache<String, Instant> recentlyTouched;

    ApiKeys(ApiKeyRepository repository, Users users, Permissions permissions, AuditLog audit, SecretTokens tokens,
            MasterSecret masterSecret, ApiKeyProperties properties, Clock clock) {
        this.repository = repository;
        this.users = users;
        this.permissions = permissions;
        this.audit = audit;
        this.tokens = tokens;
        this.properties = properties;
        this.clock = clock;
        this.pepper = masterSecret.deriveKey("api-key/v1", Hmac.ALGORITHM);
        this.verified = Caffeine.newBuilder().maximumSize(MAX_CACHED)
                .expireAfterWrite(properties.revocationCheckInterval()).build();
        this.recentlyTouched = Caffeine.newBuilder().maximumSize(MAX_CACHED)
                .expireAfterWrite(properties.lastUsedInterval().multipliedBy(2)).build();
    }

    /**
     * Makes a key for {@code userId}. The caller has passed step-up (MFA-5).
     *
     * @param expiresInDays null for the default lifetime
     * @param multiFactor whether the creating session was signed in with a second factor: privileged
     *        scopes (beyond what every account has) need it, as the routes they open do (MFA-6)
     * @throws ProblemException 400 {@code validation_failed} for a bad name, lifetime or a scope the owner
     *         does not hold; 403 {@code forbidden} for privileged scopes without MFA; 409 {@code conflict}
     *         past the per-user maximum
     */
    public CreatedApiKey create(String userId, String name, List<String> scopes, Integer expiresInDays,
            boolean multiFactor, RequestOrigin origin) {
        UserAccount owner = users.findById(userId).orElseThrow(() -> new ProblemException(ErrorCode.UNAUTHORIZED,
                401, "This account no longer exists.", List.of(), java.util.Map.of()));
        Set<String> granted = permissions.of(owner.roles());
        List<FieldViolation> violations = new ArrayList<>();
        String trimmedName = name == null ? "" : name.strip();
        if (trimmedName.isEmpty() || trimmedName.length() > MAX_NAME) {
            violations.add(new FieldViolation("name", "invalid", "must be 1 to " + MAX_NAME + " characters"));
        }
        Set<String> wanted = new LinkedHashSet<>(scopes == null ? List.of() : scopes);
        if (wanted.isEmpty()) {
            violations.add(new FieldViolation("scopes", "required", "name at least one scope"));
        }
        for (String scope : wanted) {
            if (!granted.contains(scope)) {
                violations.add(new FieldViolation("scopes", "not_allowed",
                        "you do not hold the permission " + sanitize(scope) + "; yours: " + String.join(", ", granted)));
            }
        }
        int days = expiresInDays == null ? properties.defaultLifetimeDays() : expiresInDays;
        if (days < 1 || days > properties.maxLifetimeDays()) {
            violations.add(new FieldViolation("expires_in_days", "out_of_range",
                    "must be 1 to " + properties.maxLifetimeDays()));
        }
        if (!violations.isEmpty()) {
            throw ProblemException.validation(violations);
        }
        if (!multiFactor && wanted.stream().anyMatch(scope -> !permissions.everyoneHas(scope))) {
            throw new ProblemException(ErrorCode.FORBIDDEN, "Keys with administrative scopes can only be made in a "
                    + "session signed in with a second factor.");
        }
        Instant now = clock.instant();
        if (repository.countUsable(userId, now) >= properties.maxPerUser()) {
            throw new ProblemException(ErrorCode.CONFLICT, 409,
                    "You already hold " + properties.maxPerUser() + " keys: revoke one first.", List.of(), java.util.Map.of());
        }
        String publicId = ApiKeyFormat.publicId(tokens.randomBytes(ApiKeyFormat.PUBLIC_ID_BYTES));
        String value = ApiKeyFormat.format(publicId, tokens.newToken(ApiKeyFormat.SECRET_BYTES));
        ApiKeyRepository.Row row = new ApiKeyRepository.Row(tokens.newToken(16), publicId, userId, trimmedName,
                Hmac.sha256Base64Url(pepper, value), List.copyOf(wanted), now, now.plus(Duration.ofDays(days)), null, null);
        repository.insert(row);
        audit.record(AuditEvent.of("api_key.created", userId, origin).withDetail("api_id", row.id())
                .withDetail("prefix", ApiKeyFormat.prefix(publicId)).withDetail("scopes", String.join(" ", wanted))
                .withDetail("expires_at", row.expiresAt().toString()));
        return new CreatedApiKey(row.view(), value);
    }

    public List<ApiKey> list(String userId) {
        return repository.listOf(userId).stream().map(ApiKeyRepository.Row::view).toList();
    }

    /**
     * Revokes one of the owner's keys; it stops working at once on this instance and within the
     * revocation-check interval on others.
     *
     * @return false when there is no such key of this owner (the caller answers 404 either way)
     */
    public boolean revoke(String userId, String keyId, RequestOrigin origin) {
        Optional<String> revoked = repository.revoke(userId, keyId, clock.instant());
        if (revoked.isEmpty()) {
            return false;
        }
        String publicId = revoked.get();
        verified.asMap().values().removeIf(row -> row.publicId().equals(publicId));
        audit.record(AuditEvent.of("api_key.revoked", userId, origin).withDetail("api_id", keyId)
                .withDetail("prefix", ApiKeyFormat.prefix(publicId)));
        return true;
    }

    /**
     * KEY-2: the owner and scopes of a presented key; empty for anything malformed, unknown, revoked or
     * expired. The stored HMAC is compared in constant time. Whether the owner's account may be used is
     * the request guard's question, as for tokens.
     */
    public Optional<ApiKeyCaller> authenticate(String presented) {
        Optional<String> publicId = ApiKeyFormat.parsePublicId(presented);
        if (publicId.isEmpty()) {
            return Optional.empty();
        }
        String hash = Hmac.sha256Base64Url(pepper, presented);
        ApiKeyRepository.Row row = verified.getIfPresent(hash);
        if (row == null) {
            row = repository.findByPublicId(publicId.get())
                    .filter(found -> SecretTokens.constantTimeEquals(found.secretHash(), hash)).orElse(null);
            if (row == null) {
                return Optional.empty();
            }
            verified.put(hash, row);
        }
        Instant now = clock.instant();
        if (!row.usableAt(now)) {
            return Optional.empty();
        }
        touch(row.id(), now);
        return Optional.of(new ApiKeyCaller(row.id(), row.userId(), Set.copyOf(row.scopes())));
    }

    private void touch(String keyId, Instant now) {
        Instant last = recentlyTouched.getIfPresent(keyId);
        if (last == null || !now.isBefore(last.plus(properties.lastUsedInterval()))) {
            recentlyTouched.put(keyId, now);
            repository.touch(keyId, now, now.minus(properties.lastUsedInterval()));
        }
    }

    /** Echoes a refused scope without letting a client put control characters into the answer. */
    private static String sanitize(String scope) {
        String cut = scope.length() > 64 ? scope.substring(0, 64) : scope;
        return cut.replaceAll("[^A-Za-z0-9:_.-]", "?");
    }
}
