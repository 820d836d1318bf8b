package dev.portcullis.token;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
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

import dev.portcullis.testing.TestDatabases;

/** TST-5: signing and verifying one access token, per algorithm (bench/jmh.sh). */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class AccessTokenBenchmark {

    @Param({ "ES256", "RS256", "EdDSA" })
    public String algorithm;

    private AccessTokens tokens;
    private AccessTokenRequest request;
    private String token;

    @Setup
    public void setUp() {
        Clock clock = Clock.systemUTC();
        TokenProperties properties = TestTokens.properties(Map.of("algorithm", algorithm));
        tokens = TestTokens.accessTokens(TestTokens.signingKeys(TestDatabases.h2().dataSource(), properties, clock),
                properties, clock);
        request = new AccessTokenRequest("u0000000000000000000000000000001", "s0000000000000000000000000000001",
                List.of("user"), List.of(), List.of("pwd"), Instant.now());
        token = tokens.issue(request).token();
    }

    @Benchmark
    public String sign() {
        return tokens.issue(request).token();
    }

    @Benchmark
    public VerifiedAccessToken verify() {
        return tokens.verify(token);
    }
}
