package dev.portcullis.identity;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * Password hashing (PWD-1) and policy (PWD-2). Weakening below the floors is refused at startup:
 * a typo must not silently ship short passwords or cheap hashes.
 *
 * @param minLength shortest password accepted, in Unicode code points after NFKC. Default: 15 (NIST SP 800-63B-4
 *        §3.1.1.2 for a password that is the only factor); never below 12.
 * @param maxLength longest password accepted, in code points after NFKC. Default: 128; between 64 (NIST's floor for
 *        the maximum) and 128 (the request limit of ACC-4).
 * @param minCharacterClasses opt-in composition rule: how many of lower-case letters, upper-case letters, digits
 *        and symbols a password must use. Default: 0 (off, as NIST recommends).
 * @param minStrengthScore opt-in strength estimate (nbvcxz, zxcvbn-style): lowest score accepted, 0-4. Default:
 *        unset (off).
 * @param argon2MemoryKib Argon2id memory cost in KiB. Default: 19456 (19 MiB, OWASP Password Storage Cheat Sheet).
 * @param argon2Iterations Argon2id time cost. Default: 2 (OWASP). Together with the memory it must reach one of
 *        OWASP's minimum configurations.
 * @param argon2Parallelism Argon2id lanes. Default: 1 (OWASP).
 * @param argon2SaltLength Argon2id salt length in bytes. Default: 16 (RFC 9106 §3.1: 128 bits).
 * @param argon2HashLength Argon2id tag length in bytes. Default: 32 (RFC 9106 §4: 256 bits).
 * @param maxConcurrentHashes most Argon2id computations running at once; others wait their turn. Default: 0,
 *        meaning the number of CPUs the JVM sees. Bounds the memory sign-in bursts take (each holds the memory cost).
 * @param hashQueueTimeout longest wait for a turn before the request gets 503 with Retry-After. Default: 10s.
 */
@Validated
@ConfigurationProperties("portcullis.passwords")
record PasswordProperties(
        @DefaultValue("15") @Min(MIN_LENGTH_FLOOR) @Max(MAX_LENGTH_CEILING) int minLength,
        @DefaultValue("128") @Min(64) @Max(MAX_LENGTH_CEILING) int maxLength,
        @DefaultValue("0") @Min(0) @Max(4) int minCharacterClasses,
        @Min(0) @Max(4) Integer minStrengthScore,
        @DefaultValue("19456") @Min(7168) @Max(4_194_304) int argon2MemoryKib,
        @DefaultValue("2") @Min(1) @Max(100) int argon2Iterations,
        @DefaultValue("1") @Min(1) @Max(64) int argon2Parallelism,
        @DefaultValue("16") @Min(16) @Max(64) int argon2SaltLength,
        @DefaultValue("32") @Min(32) @Max(128) int argon2HashLength,
        @DefaultValue("0") @Min(0) @Max(1024) int maxConcurrentHashes,
        @DefaultValue("10s") java.time.Duration hashQueueTimeout) {

    /** The checklists' floor (PWD-2): below it no configuration is accepted. */
    static final int MIN_LENGTH_FLOOR = 12;
    static final int MAX_LENGTH_CEILING = 128;

    /**
     * OWASP Password Storage Cheat Sheet, Argon2id: equivalent minimum configurations as
     * {memory KiB, iterations}, all with parallelism 1. A configuration is strong enough when it
     * reaches at least one row in both memory and iterations.
     */
    static final int[][] OWASP_ARGON2ID_MINIMUMS = {
            {47_104, 1}, {19_456, 2}, {12_288, 3}, {9_216, 4}, {7_168, 5}};

    PasswordProperties {
        // Checked here as well as by Bean Validation so that no code path (tests included) can
        // build a weaker configuration than production would accept.
        if (hashQueueTimeout == null || hashQueueTimeout.toMillis() < 100 || hashQueueTimeout.toSeconds() > 60) {
            throw new IllegalArgumentException("PORTCULLIS_PASSWORDS_HASH_QUEUE_TIMEOUT must be between 100ms and 60s");
        }
        if (minLength < MIN_LENGTH_FLOOR) {
            throw new IllegalArgumentException("PORTCULLIS_PASSWORDS_MIN_LENGTH must be at least " + MIN_LENGTH_FLOOR);
        }
        if (maxLength > MAX_LENGTH_CEILING || maxLength < minLength) {
            throw new IllegalArgumentException("PORTCULLIS_PASSWORDS_MAX_LENGTH must be between the minimum length and "
                    + MAX_LENGTH_CEILING);
        }
        if (!reachesOwaspMinimum(argon2MemoryKib, argon2Iterations)) {
            throw new IllegalArgumentException("PORTCULLIS_PASSWORDS_ARGON2_MEMORY_KIB and _ITERATIONS are below OWASP's "
                    + "Argon2id minimums (e.g. 19456 KiB with 2 iterations, or 47104 KiB with 1)");
        }
        if (argon2Parallelism < 1 || argon2SaltLength < 16 || argon2HashLength < 32) {
            throw new IllegalArgumentException("Argon2id needs parallelism >= 1, a salt of >= 16 bytes and a hash of >= 32 bytes");
        }
        if (minCharacterClasses < 0 || minCharacterClasses > 4) {
            throw new IllegalArgumentException("PORTCULLIS_PASSWORDS_MIN_CHARACTER_CLASSES must be between 0 and 4");
        }
        if (minStrengthScore != null && (minStrengthScore < 0 || minStrengthScore > 4)) {
            throw new IllegalArgumentException("PORTCULLIS_PASSWORDS_MIN_STRENGTH_SCORE must be between 0 and 4");
        }
    }

    static boolean reachesOwaspMinimum(int memoryKib, int iterations) {
        for (int[] row : OWASP_ARGON2ID_MINIMUMS) {
            if (memoryKib >= row[0] && iterations >= row[1]) {
                return true;
            }
        }
        return false;
    }
}
