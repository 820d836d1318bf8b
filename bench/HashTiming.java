import java.nio.charset.StandardCharsets;

import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * The hashing limit of login (TST-5): how long one Argon2id computation takes on this machine with
 * BouncyCastle (what Portcullis' Argon2PasswordEncoder uses), at the given memory (KiB) and
 * iterations, parallelism 1. A plain timed loop after a warm-up; prints the median in ms.
 * Run: java -cp bcprov.jar bench/HashTiming.java 19456 2
 */
public class HashTiming {

    public static void main(String[] args) {
        int memoryKib = Integer.parseInt(args[0]);
        int iterations = Integer.parseInt(args[1]);
        byte[] salt = new byte[16];
        byte[] password = "correct horse battery staple 42".getBytes(StandardCharsets.UTF_8);
        Argon2Parameters params = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id).withVersion(19)
                .withMemoryAsKB(memoryKib).withIterations(iterations).withParallelism(1).withSalt(salt).build();
        double[] ms = new double[40];
        for (int i = -10; i < ms.length; i++) {
            Argon2BytesGenerator generator = new Argon2BytesGenerator();
            generator.init(params);
            byte[] out = new byte[32];
            long t0 = System.nanoTime();
            generator.generateBytes(password, out);
            if (i >= 0) {
                ms[i] = (System.nanoTime() - t0) / 1e6;
            }
        }
        java.util.Arrays.sort(ms);
        System.out.printf(java.util.Locale.ROOT, "%.2f%n", ms[ms.length / 2]);
    }
}
