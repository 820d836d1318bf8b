import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * The hashing limit of login (TST-5): how many Argon2id computations per second this machine does
 * with BouncyCastle (what Portcullis uses), at the given memory (KiB) and iterations, parallelism
 * 1, with one computation per core running at once, as the server's hashing gate allows. Argon2 is
 * memory-hard: two computations at once share the caches and the memory bandwidth, so the limit is
 * measured with all cores busy, not extrapolated from one computation alone.
 * Each thread reuses its blocks (as the server's pool does), so the figure is Argon2's own cost, not
 * the page faults and garbage collection of fresh memory.
 * Prints "<median ms of one computation alone> <ms per computation with all cores busy> <hashes/s>".
 * Run: java -cp bcprov.jar bench/HashTiming.java 19456 2
 */
public class HashTiming {

    public static void main(String[] args) throws Exception {
        int memoryKib = Integer.parseInt(args[0]);
        int iterations = Integer.parseInt(args[1]);
        int cores = Runtime.getRuntime().availableProcessors();
        byte[] password = "correct horse battery staple 42".getBytes(StandardCharsets.UTF_8);
        Argon2Parameters params = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id).withVersion(19)
                .withMemoryAsKB(memoryKib).withIterations(iterations).withParallelism(1).withSalt(new byte[16])
                .build();
        // Warm-up until the JIT has compiled the hot loops (5 s on all cores), then one at a time.
        long warmUntil = System.nanoTime() + 5_000_000_000L;
        List<Thread> warmers = new ArrayList<>();
        for (int t = 0; t < cores; t++) {
            Thread thread = new Thread(() -> {
                while (System.nanoTime() < warmUntil) {
                    hash(params, password);
                }
            });
            thread.start();
            warmers.add(thread);
        }
        for (Thread thread : warmers) {
            thread.join();
        }
        double[] ms = new double[30];
        for (int i = 0; i < ms.length; i++) {
            long t0 = System.nanoTime();
            hash(params, password);
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        java.util.Arrays.sort(ms);

        int perThread = 30;
        AtomicInteger done = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        long t0 = System.nanoTime();
        for (int t = 0; t < cores; t++) {
            Thread thread = new Thread(() -> {
                for (int i = 0; i < perThread; i++) {
                    hash(params, password);
                    done.incrementAndGet();
                }
            });
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join();
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        double perSecond = done.get() / seconds;
        System.out.printf(java.util.Locale.ROOT, "%.2f %.2f %.1f%n", ms[ms.length / 2], 1000.0 * cores / perSecond,
                perSecond);
    }

    private static final ThreadLocal<Argon2Parameters> POOLED = new ThreadLocal<>();

    private static void hash(Argon2Parameters params, byte[] password) {
        Argon2Parameters pooled = POOLED.get();
        if (pooled == null) {
            pooled = new Argon2Parameters.Builder(params.getType()).withVersion(params.getVersion())
                    .withMemoryAsKB(params.getMemory()).withIterations(params.getIterations())
                    .withParallelism(params.getLanes()).withSalt(params.getSalt())
                    .withBlockPool(new Argon2BytesGenerator.FixedBlockPool(params.getMemory() + 8)).build();
            POOLED.set(pooled);
        }
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(pooled);
        generator.generateBytes(password, new byte[32]);
    }
}
