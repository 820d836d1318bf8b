package dev.portcullis.token;

import java.security.SecureRandom;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionOperations;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;

import dev.portcullis.shared.AeadCipher;
import dev.portcullis.shared.SecretTokens;

/**
 * The keys that sign access tokens (TOK-1). They live in the database, encrypted, so every instance
 * signs with the same key and publishes the same JWKS. The signing key is the newest generation not
 * yet retired; rotation inserts the next generation, and the unique generation lets exactly one of
 * several racing instances create it. A retired key stays published until its last token has
 * expired ({@link TokenProperties#retiredKeyRetention()}), then the rotation job deletes it.
 * <p>
 * Each instance keeps the decrypted keys in memory for {@code key-cache-duration}; a verifier that
 * meets an unknown kid reads the keys again at once (at most once per second), so a key made on
 * another instance is usable here before the cache would have expired.
 */
@Component
public class SigningKeys {

    private static final Logger log = LoggerFactory.getLogger(SigningKeys.class);
    /** PWD-4: a kid is unguessable, 128 random bits. */
    private static final int KID_BYTES = 16;
    /** A flood of tokens with made-up kids costs the database at most one read per second per instance. */
    static final Duration FORCED_RELOAD_MIN_INTERVAL = Duration.ofSeconds(1);

    private record Snapshot(List<SigningKey> keys, Instant loadedAt) {

        /** The signing key: keys are ordered newest generation first. */
        Optional<SigningKey> active() {
            return keys.stream().filter(k -> !k.retired()).findFirst();
        }

        long latestGeneration() {
            return keys.isEmpty() ? 0 : keys.get(0).generation();
        }

        Optional<SigningKey> byKid(String kid) {
            return keys.stream().filter(k -> k.kid().equals(kid)).findFirst();
        }
    }

    /** The master-secret derivation label of the key that encrypts private keys at rest. */
    static final String CIPHER_PURPOSE = "signing-key-encryption/v1";

    private final SigningKeyRepository repository;
    private final AeadCipher cipher;
    private final SecretTokens tokens;
    private final SecureRandom random;
    private final TransactionOperations transactions;
    private final TokenProperties properties;
    private final Clock clock;
    private volatile Snapshot snapshot;
    private volatile Instant lastForcedReload = Instant.MIN;

    SigningKeys(SigningKeyRepository repository, AeadCipher cipher, SecretTokens tokens, SecureRandom random,
            TransactionOperations transactions, TokenProperties properties, Clock clock) {
        this.repository = repository;
        this.cipher = cipher;
        this.tokens = tokens;
        this.random = random;
        this.transactions = transactions;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * Rotates on demand (a suspected key leak, an operator's routine): a new key signs from now on and
     * the current one is retired but stays in the JWKS until its tokens have expired. When another
     * instance rotates at the same moment, only one new key results.
     *
     * @return the kid of the key that signs from now on
     */
    public String rotate() {
        Snapshot now = reload();
        createNext(now.latestGeneration());
        return reload().active().map(SigningKey::kid)
                .orElseThrow(() -> new IllegalStateException("no active signing key after rotation"));
    }

    /** The key new tokens are signed with; the first call on an empty database creates it. */
    SigningKey current() {
        Snapshot s = fresh();
        Optional<SigningKey> active = s.active();
        if (active.isPresent()) {
            return active.get();
        }
        createNext(s.latestGeneration());
        return reload().active().orElseThrow(() -> new IllegalStateException("no active signing key"));
    }

    /**
     * A published key (active or retired) by kid, for verification. An unknown kid re-reads the keys
     * once, rate-limited, in case another instance has just rotated.
     */
    Optional<SigningKey> forVerification(String kid) {
        Optional<SigningKey> found = fresh().byKid(kid);
        if (found.isPresent()) {
            return found;
        }
        Instant now = clock.instant();
        synchronized (this) {
            if (now.isBefore(lastForcedReload.plus(FORCED_RELOAD_MIN_INTERVAL))) {
                return snapshot.byKid(kid);
            }
            lastForcedReload = now;
        }
        return reload().byKid(kid);
    }

    /** The public JWK set: every key not yet purged, public parts only (never a private member). */
    JWKSet publicJwks() {
        List<JWK> keys = new ArrayList<>();
        published().keys().forEach(k -> keys.add(k.publicJwk()));
        return new JWKSet(keys);
    }

    /** The algorithms of the published keys: the verifier's allow-list and the discovery document's. */
    Set<SigningAlgorithm> publishedAlgorithms() {
        Set<SigningAlgorithm> algorithms = new LinkedHashSet<>();
        published().keys().forEach(k -> algorithms.add(k.algorithm()));
        return algorithms;
    }

    /** The keys, with a signing key created first on an empty database: a JWKS is never empty. */
    private Snapshot published() {
        current();
        return fresh();
    }

    /** For the scheduled job: rotates when the signing key is older than the rotation interval. */
    boolean rotateIfDue() {
        Snapshot s = reload();
        Optional<SigningKey> active = s.active();
        if (active.isPresent()
                && clock.instant().isBefore(active.get().createdAt().plus(properties.keyRotationInterval()))) {
            return false;
        }
        boolean created = createNext(s.latestGeneration());
        reload();
        return created;
    }

    /** For the scheduled job: deletes retired keys whose last token has expired. */
    int purgeExpired() {
        int purged = repository.purgeRetiredBefore(clock.instant().minus(properties.retiredKeyRetention()));
        if (purged > 0) {
            reload();
        }
        return purged;
    }

    /**
     * Creates generation {@code latestGeneration + 1} and retires the older keys, in one transaction.
     *
     * @return false when another instance (or thread) created that generation first
     */
    boolean createNext(long latestGeneration) {
        SigningAlgorithm algorithm = properties.algorithm();
        String kid = tokens.newToken(KID_BYTES);
        JWK key;
        try {
            key = algorithm.generate(kid, properties.rsaKeySize(), random);
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot generate a " + algorithm.wireName() + " signing key", e);
        }
        Instant now = clock.instant();
        long generation = latestGeneration + 1;
        SigningKeyRepository.Row row = new SigningKeyRepository.Row(kid, algorithm.wireName(), generation,
                key.toPublicJWK().toJSONString(), cipher.encrypt(kid, key.toJSONString()), now, null);
        try {
            transactions.executeWithoutResult(tx -> {
                repository.insert(row);
                repository.retireOlderThan(generation, now);
            });
        } catch (DataIntegrityViolationException | ConcurrencyFailureException e) {
            log.info("Signing key generation {} was created by another instance first", generation);
            return false;
        }
        log.info("New {} signing key {} (generation {}) signs access tokens from now on", algorithm.wireName(), kid,
                generation);
        return true;
    }

    private Snapshot fresh() {
        Snapshot s = snapshot;
        if (s != null && clock.instant().isBefore(s.loadedAt().plus(properties.keyCacheDuration()))) {
            return s;
        }
        return reload();
    }

    private synchronized Snapshot reload() {
        Snapshot previous = snapshot;
        List<SigningKey> keys = new ArrayList<>();
        for (SigningKeyRepository.Row row : repository.all()) {
            Optional<SigningKey> known = previous == null ? Optional.empty() : previous.byKid(row.kid());
            keys.add(known.isPresent() ? withRetiredAt(known.get(), row.retiredAt()) : decrypt(row));
        }
        Snapshot loaded = new Snapshot(List.copyOf(keys), clock.instant());
        snapshot = loaded;
        return loaded;
    }

    private static SigningKey withRetiredAt(SigningKey k, Instant retiredAt) {
        return new SigningKey(k.kid(), k.algorithm(), k.generation(), k.createdAt(), retiredAt, k.publicJwk(),
                k.signer(), k.verifier());
    }

    private SigningKey decrypt(SigningKeyRepository.Row row) {
        SigningAlgorithm algorithm = SigningAlgorithm.fromWireName(row.algorithm());
        try {
            JWK key = JWK.parse(cipher.decrypt(row.kid(), row.privateKey()));
            if (!row.kid().equals(key.getKeyID()) || !key.isPrivate()) {
                throw new IllegalStateException("signing key " + row.kid() + " does not match its row");
            }
            return new SigningKey(row.kid(), algorithm, row.generation(), row.createdAt(), row.retiredAt(),
                    key.toPublicJWK(), algorithm.signer(key), algorithm.verifier(key));
        } catch (ParseException | JOSEException | ClassCastException e) {
            // The cause is left out on purpose: a parser's message could quote the private key.
            throw new IllegalStateException("signing key " + row.kid() + " cannot be loaded: "
                    + e.getClass().getSimpleName());
        }
    }
}
