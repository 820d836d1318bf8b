package dev.portcullis.identity;

import java.security.SecureRandom;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * TST-5, the hashing limit of login: one Argon2id verification through Portcullis' own hasher, at
 * the default parameters and at Keycloak's (t=5, m=7168 KiB), so login throughput can be read as a
 * fraction of cores / this time.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class PasswordHashBenchmark {

    @Param({ "19456:2", "7168:5" })
    public String memoryKibAndIterations;

    private PasswordHasher hasher;
    private String hash;

    @Setup
    public void setUp() {
        String[] p = memoryKibAndIterations.split(":");
        hasher = new PasswordHasher(TestPasswordProperties.with(Map.of("argon2-memory-kib", p[0],
                "argon2-iterations", p[1])), new SecureRandom());
        hash = hasher.hash("correct horse battery staple 42");
    }

    @Benchmark
    public PasswordVerification verify() {
        return hasher.verify("correct horse battery staple 42", hash);
    }
}
