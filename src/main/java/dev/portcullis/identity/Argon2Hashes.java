package dev.portcullis.identity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Argon2 hashes in the PHC string format ({@code $argon2id$v=19$m=…,t=…,p=…$salt$hash}, the
 * format of the reference implementation and of Spring Security's {@code Argon2PasswordEncoder},
 * which reads and writes the same strings), computed by BouncyCastle's {@link Argon2BytesGenerator}.
 *
 * <p>Why not Spring's encoder: it gives every computation fresh memory, 19 MiB of 1 KiB blocks at
 * the default cost. A login burst then fills the young generation faster than it can be
 * collected, and every collection copies the blocks of the hashes still running: on a 192 MB heap
 * the JVM spent a third of a login benchmark paused in GC (docs/benchmarks.md, 2026-11-23). Here
 * all computations draw their blocks from one pool (BouncyCastle's {@code BlockPool} hook) sized
 * for the hashing gate's permits, so the memory is allocated once, lives in the old generation, and
 * is zeroed each time it goes back to the pool. The pool never keeps more than that size; a larger
 * imported hash allocates the rest for its own run.
 */
final class Argon2Hashes {

    private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder B64_DECODER = Base64.getDecoder();

    /** Blocks a computation takes beyond its memory cost (BouncyCastle 1.86 takes 4). */
    static final int WORKING_BLOCKS = 8;

    private final int memoryKib;
    private final int iterations;
    private final int parallelism;
    private final int saltLength;
    private final int hashLength;
    private final SecureRandom random;
    private final ClearingBlockPool pool;

    /**
     * @param concurrentHashes how many computations may run at once (the hashing gate's permits):
     *        the pool keeps that many memory costs' worth of blocks
     */
    Argon2Hashes(int memoryKib, int iterations, int parallelism, int saltLength, int hashLength, SecureRandom random,
            int concurrentHashes) {
        this.memoryKib = memoryKib;
        this.iterations = iterations;
        this.parallelism = parallelism;
        this.saltLength = saltLength;
        this.hashLength = hashLength;
        this.random = random;
        // One Argon2 block is 1 KiB, so the memory cost in KiB is the number of blocks; BouncyCastle
        // takes a few more from the pool for its working blocks.
        this.pool = new ClearingBlockPool(Math.multiplyExact(memoryKib + WORKING_BLOCKS, concurrentHashes));
    }

    /** A new Argon2id hash of the password with the configured parameters and a fresh salt. */
    String encode(String password) {
        byte[] salt = new byte[saltLength];
        random.nextBytes(salt);
        Argon2Parameters parameters = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13).withMemoryAsKB(memoryKib)
                .withIterations(iterations).withParallelism(parallelism).withSalt(salt).withBlockPool(pool).build();
        byte[] hash = compute(password, parameters, hashLength);
        return "$argon2id$v=" + parameters.getVersion() + "$m=" + memoryKib + ",t=" + iterations + ",p="
                + parallelism + "$" + B64.encodeToString(salt) + "$" + B64.encodeToString(hash);
    }

    /** Whether the password matches the PHC string; a malformed string never matches. */
    boolean matches(String password, String phc) {
        Phc stored = Phc.parse(phc);
        if (stored == null) {
            return false;
        }
        Argon2Parameters parameters = new Argon2Parameters.Builder(stored.type()).withVersion(stored.version())
                .withMemoryAsKB(stored.memoryKib()).withIterations(stored.iterations())
                .withParallelism(stored.parallelism()).withSalt(stored.salt()).withBlockPool(pool).build();
        byte[] candidate = compute(password, parameters, stored.hash().length);
        return MessageDigest.isEqual(candidate, stored.hash());
    }

    /** Whether a stored hash is cheaper than the configured cost (memory or iterations below it). */
    boolean needsUpgrade(String phc) {
        Phc stored = Phc.parse(phc);
        return stored == null || stored.memoryKib() < memoryKib || stored.iterations() < iterations;
    }

    /** For tests: how many zeroed blocks wait in the pool. */
    int pooledBlocks() {
        return pool.size();
    }

    private static byte[] compute(String password, Argon2Parameters parameters, int length) {
        byte[] out = new byte[length];
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(parameters);
        // UTF-8, as Spring's encoder (BouncyCastle's default converter) and libargon2's CLI use.
        generator.generateBytes(password.getBytes(StandardCharsets.UTF_8), out);
        return out;
    }

    /**
     * A bounded stack of free blocks. BouncyCastle's own {@code FixedBlockPool} zeroes a block both
     * when it returns and when it is handed out again, and grows a list on every return: about 13%
     * of a login's CPU in the profile. Here a block is zeroed once, when it comes back (so no
     * password-derived memory waits in the pool), and is handed out as it is: already zero, like a
     * new one.
     */
    static final class ClearingBlockPool implements Argon2BytesGenerator.BlockPool {

        private final Argon2BytesGenerator.Block[] free;
        private int size;

        ClearingBlockPool(int maxBlocks) {
            this.free = new Argon2BytesGenerator.Block[maxBlocks];
        }

        @Override
        public Argon2BytesGenerator.Block allocate() {
            synchronized (free) {
                if (size > 0) {
                    Argon2BytesGenerator.Block block = free[--size];
                    free[size] = null;
                    return block;
                }
            }
            return new Argon2BytesGenerator.Block();
        }

        @Override
        public void deallocate(Argon2BytesGenerator.Block block) {
            block.clear();
            synchronized (free) {
                if (size < free.length) {
                    free[size++] = block;
                }
            }
        }

        int size() {
            synchronized (free) {
                return size;
            }
        }
    }

    /** A parsed PHC string; {@link #parse} returns null for anything malformed. */
    record Phc(int type, int version, int memoryKib, int iterations, int parallelism, byte[] salt, byte[] hash) {

        /** Hashes shorter than this are refused: a 4-byte tag would make guessing cheap. */
        private static final int MIN_HASH_BYTES = 16;
        private static final int MAX_MEMORY_KIB = 4_194_304;
        private static final int MAX_ITERATIONS = 100;

        static Phc parse(String phc) {
            if (phc == null) {
                return null;
            }
            String[] parts = phc.split("\\$", -1);
            // "", type, [v=..], m=..,t=..,p=.., salt, hash
            if (parts.length != 5 && parts.length != 6 || !parts[0].isEmpty()) {
                return null;
            }
            int type = switch (parts[1]) {
                case "argon2d" -> Argon2Parameters.ARGON2_d;
                case "argon2i" -> Argon2Parameters.ARGON2_i;
                case "argon2id" -> Argon2Parameters.ARGON2_id;
                default -> -1;
            };
            if (type < 0) {
                return null;
            }
            int next = 2;
            int version = Argon2Parameters.ARGON2_VERSION_10;
            try {
                if (parts.length == 6) {
                    if (!parts[2].startsWith("v=")) {
                        return null;
                    }
                    version = Integer.parseInt(parts[2].substring(2));
                    next = 3;
                }
                if (version != Argon2Parameters.ARGON2_VERSION_10 && version != Argon2Parameters.ARGON2_VERSION_13) {
                    return null;
                }
                int memory = -1;
                int time = -1;
                int lanes = -1;
                for (String pair : parts[next].split(",", -1)) {
                    if (pair.startsWith("m=")) {
                        memory = Integer.parseInt(pair.substring(2));
                    } else if (pair.startsWith("t=")) {
                        time = Integer.parseInt(pair.substring(2));
                    } else if (pair.startsWith("p=")) {
                        lanes = Integer.parseInt(pair.substring(2));
                    } else {
                        return null;
                    }
                }
                // Bounds keep a corrupt or hostile row from asking for unbounded memory or time.
                if (lanes < 1 || lanes > 64 || time < 1 || time > MAX_ITERATIONS || memory < 8 * lanes
                        || memory > MAX_MEMORY_KIB) {
                    return null;
                }
                byte[] salt = B64_DECODER.decode(parts[next + 1]);
                byte[] hash = B64_DECODER.decode(parts[next + 2]);
                if (salt.length < 8 || hash.length < MIN_HASH_BYTES) {
                    return null;
                }
                return new Phc(type, version, memory, time, lanes, salt, hash);
            } catch (IllegalArgumentException e) {
                // NumberFormatException and malformed Base64 are both IllegalArgumentExceptions.
                return null;
            }
        }
    }
}
