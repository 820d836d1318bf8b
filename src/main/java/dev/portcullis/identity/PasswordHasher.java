package dev.portcullis.identity;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Hashes and verifies passwords (PWD-1, PWD-3).
 *
 * <p>New hashes are always Argon2id with the configured parameters, stored as
 * {@code {argon2id}$argon2id$v=19$m=…,t=…,p=…$salt$hash}: the prefix names the scheme, as in
 * Spring Security's {@code DelegatingPasswordEncoder}, so the scheme can change without a migration.
 * Imported hashes verify too: bcrypt ({@code {bcrypt}$2a$…} or bare {@code $2a$/$2b$/$2y$…}) and
 * Argon2 in PHC form ({@code {argon2}…} or bare {@code $argon2…}); they always ask for a re-hash.
 * bcrypt hashes are never produced.
 *
 * <p>Passwords are NFKC-normalised (NIST SP 800-63B-4 §3.1.1.2) and never truncated.
 */
@Component
public final class PasswordHasher {

    static final String ARGON2ID_PREFIX = "{argon2id}";
    private static final String ARGON2ID_PHC = "$argon2id$";
    private static final String SPRING_ARGON2_PREFIX = "{argon2}";
    private static final String BCRYPT_PREFIX = "{bcrypt}";
    /** bcrypt only ever reads the first 72 bytes of its input. */
    private static final int BCRYPT_MAX_BYTES = 72;

    private static final Logger log = LoggerFactory.getLogger(PasswordHasher.class);

    private final Argon2Hashes argon2;
    private final HashingGate gate;
    /** Verify-only: matching reads the cost from the hash, so the strength given here is unused. */
    private final BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder();
    /** Argon2 part (no prefix) of the hash that unknown users are verified against (PWD-3). */
    private final String dummyHash;

    PasswordHasher(PasswordProperties properties, SecureRandom random) {
        int concurrency = properties.maxConcurrentHashes() > 0 ? properties.maxConcurrentHashes()
                : Runtime.getRuntime().availableProcessors();
        this.argon2 = new Argon2Hashes(properties.argon2MemoryKib(), properties.argon2Iterations(),
                properties.argon2Parallelism(), properties.argon2SaltLength(), properties.argon2HashLength(), random,
                concurrency);
        this.gate = new HashingGate(concurrency, properties.hashQueueTimeout());
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        // Nobody knows this password, so the dummy never matches; made once at startup with the
        // current parameters, so verifying it costs exactly what verifying a real user costs.
        this.dummyHash = argon2.encode(Base64.getEncoder().encodeToString(secret));
    }

    /** A new Argon2id hash with the configured parameters and a fresh salt. */
    public String hash(String password) {
        String normalized = Passwords.normalize(password);
        return ARGON2ID_PREFIX + gate.run(() -> argon2.encode(normalized));
    }

    /**
     * Checks a password against a stored hash in any accepted format. An account without a password
     * (null, OAU-4) never matches and costs the same work as a wrong password.
     *
     * @throws IllegalArgumentException if the stored hash is in no accepted format (a data error,
     *         never the user's fault)
     */
    public PasswordVerification verify(String password, String storedHash) {
        if (storedHash == null) {
            return verifyDummy(password);
        }
        String candidate = Passwords.normalize(password);
        if (storedHash.startsWith(ARGON2ID_PREFIX + ARGON2ID_PHC)) {
            String encoded = storedHash.substring(ARGON2ID_PREFIX.length());
            if (!argon2Matches(candidate, encoded)) {
                return PasswordVerification.MISMATCH;
            }
            // Memory or iterations below the configured ones: re-hash at today's cost.
            return argon2.needsUpgrade(encoded) ? PasswordVerification.MATCH_REHASH : PasswordVerification.MATCH;
        }
        if (storedHash.startsWith(SPRING_ARGON2_PREFIX) || storedHash.startsWith("$argon2")) {
            String encoded = storedHash.startsWith(SPRING_ARGON2_PREFIX)
                    ? storedHash.substring(SPRING_ARGON2_PREFIX.length()) : storedHash;
            return importedMatch(argon2Matches(candidate, encoded));
        }
        String bcryptHash = storedHash.startsWith(BCRYPT_PREFIX) ? storedHash.substring(BCRYPT_PREFIX.length()) : storedHash;
        if (isBcrypt(bcryptHash)) {
            return importedMatch(gate.run(() -> matchesBcrypt(candidate, bcryptHash)));
        }
        throw new IllegalArgumentException("stored password hash is in no supported format");
    }

    /**
     * PWD-3: the same Argon2id work as {@link #verify} for a user that does not exist, so the
     * response time does not reveal whether an account exists. Always a mismatch.
     */
    public PasswordVerification verifyDummy(String password) {
        argon2Matches(Passwords.normalize(password), dummyHash);
        return PasswordVerification.MISMATCH;
    }

    /** Every Argon2id computation passes the gate: it bounds the memory and CPU of sign-in bursts. */
    private boolean argon2Matches(String candidate, String encoded) {
        return gate.run(() -> argon2.matches(candidate, encoded));
    }

    /** For tests: the dummy hash, to check it carries the current parameters. */
    String dummyHash() {
        return dummyHash;
    }

    private static PasswordVerification importedMatch(boolean matches) {
        return matches ? PasswordVerification.MATCH_REHASH : PasswordVerification.MISMATCH;
    }

    private static boolean isBcrypt(String hash) {
        return hash.startsWith("$2a$") || hash.startsWith("$2b$") || hash.startsWith("$2y$");
    }

    /**
     * The system that made an imported bcrypt hash saw at most 72 bytes; Spring refuses longer
     * input rather than truncating, and so do we (no silent truncation, PWD-2). Such a user signs
     * in after a password reset, which then stores an Argon2id hash of the whole password.
     */
    private boolean matchesBcrypt(String candidate, String hash) {
        if (candidate.getBytes(StandardCharsets.UTF_8).length > BCRYPT_MAX_BYTES) {
            log.debug("bcrypt hash not checked: the password is longer than bcrypt's 72 bytes");
            return false;
        }
        return bcrypt.matches(candidate, hash);
    }
}
