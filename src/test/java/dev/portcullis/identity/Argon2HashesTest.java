package dev.portcullis.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;

/** PWD-1: the pooled Argon2 computation reads and writes the same PHC strings as everyone else. */
class Argon2HashesTest {

    private static final String PASSWORD = "Grüße, correct horse";
    private final Argon2Hashes hashes = new Argon2Hashes(19456, 2, 1, 16, 32, new SecureRandom(), 2);

    @Test
    void verifiesHashesMadeByTheReferenceImplementation_PWD1() {
        // Made with Debian's argon2 CLI (the reference C implementation):
        // echo -n "Grüße, correct horse" | argon2 c2FsdHNhbHRzYWx0 -id -t 2 -k 1024 -p 1 -l 32 -e
        String argon2id = "$argon2id$v=19$m=1024,t=2,p=1$YzJGc2RITmhiSFJ6WVd4MA$mJikuetf0HXk66nAXDIUnBa00P8OeHcnp605xNjq/vY";
        // ... -i -t 3 -k 2048 -p 2 -l 32 -e (another type, two lanes)
        String argon2i = "$argon2i$v=19$m=2048,t=3,p=2$YzJGc2RITmhiSFJ6WVd4MA$4XslhwxkO7g+PiRpqXEVfM+eznTKkFIG1ajiXXygwg0";

        assertThat(hashes.matches(PASSWORD, argon2id)).isTrue();
        assertThat(hashes.matches(PASSWORD, argon2i)).isTrue();
        assertThat(hashes.matches("Grüsse, correct horse", argon2id)).isFalse();
    }

    @Test
    void readsAndWritesTheSameStringsAsSpringSecuritysEncoder_PWD1() {
        Argon2PasswordEncoder spring = new Argon2PasswordEncoder(16, 32, 1, 19456, 2);

        String ours = hashes.encode(PASSWORD);
        assertThat(ours).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
        assertThat(spring.matches(PASSWORD, ours)).isTrue();
        assertThat(spring.upgradeEncoding(ours)).isFalse();
        assertThat(hashes.matches(PASSWORD, spring.encode(PASSWORD))).isTrue();
        assertThat(hashes.matches(PASSWORD + " ", spring.encode(PASSWORD))).isFalse();
    }

    @Test
    void computationsSharingThePoolAllGetTheirOwnRightAnswer_PWD1() throws Exception {
        // The pool holds blocks for 2 computations; 6 at once must still each compute alone.
        Argon2Hashes small = new Argon2Hashes(7168, 5, 1, 16, 32, new SecureRandom(), 2);
        List<String> stored = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            stored.add(small.encode("password number " + i));
        }
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<Boolean>> right = new ArrayList<>();
            List<Future<Boolean>> wrong = new ArrayList<>();
            for (int round = 0; round < 2; round++) {
                for (int i = 0; i < 6; i++) {
                    int n = i;
                    right.add(pool.submit(() -> small.matches("password number " + n, stored.get(n))));
                    wrong.add(pool.submit(() -> small.matches("password number " + n, stored.get((n + 1) % 6))));
                }
            }
            for (Future<Boolean> f : right) {
                assertThat(f.get()).isTrue();
            }
            for (Future<Boolean> f : wrong) {
                assertThat(f.get()).isFalse();
            }
            assertThat(small.pooledBlocks()).as("the pool keeps two computations' blocks, no more")
                    .isBetween(2 * 7168, 2 * (7168 + Argon2Hashes.WORKING_BLOCKS));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void theMemoryOfAComputationGoesBackToThePoolAndIsReused_PWD1() {
        Argon2Hashes pooled = new Argon2Hashes(7168, 5, 1, 16, 32, new SecureRandom(), 2);
        assertThat(pooled.pooledBlocks()).isZero();

        String stored = pooled.encode(PASSWORD);
        int blocks = pooled.pooledBlocks();
        assertThat(blocks).as("one memory cost of 1 KiB blocks and a few working blocks")
                .isBetween(7168, 7168 + Argon2Hashes.WORKING_BLOCKS);
        assertThat(pooled.matches(PASSWORD, stored)).as("reused (zeroed) blocks give the same answer").isTrue();
        assertThat(pooled.pooledBlocks()).as("taken again, not allocated anew").isEqualTo(blocks);
    }

    @Test
    void malformedOrHostileStringsNeverMatchAndNeverThrow_PWD1() {
        String good = hashes.encode(PASSWORD);
        String[] bad = {"", "$", "argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaA", good.replace("$argon2id$", "$argon2x$"),
                good.replace("v=19", "v=20"), good.replace("m=19456", "m=99999999"), good.replace("t=2", "t=0"),
                good.replace("p=1", "p=0"), good.replace(",t=2", ",x=2"), good.replace("m=19456", "m=abc"),
                good.substring(0, good.lastIndexOf('$')) + "$!!notbase64!!", good.substring(0, good.lastIndexOf('$')) + "$aGFzaA",
                good + "$extra"};
        for (String phc : bad) {
            assertThat(hashes.matches(PASSWORD, phc)).as(phc).isFalse();
        }
    }

    @Test
    void aHashCheaperThanTheConfiguredCostAsksForAnUpgrade_PWD1() {
        Argon2Hashes cheaper = new Argon2Hashes(7168, 5, 1, 16, 32, new SecureRandom(), 1);
        Argon2Hashes fewerPasses = new Argon2Hashes(47104, 1, 1, 16, 32, new SecureRandom(), 1);

        assertThat(hashes.needsUpgrade(hashes.encode(PASSWORD))).isFalse();
        assertThat(hashes.needsUpgrade(cheaper.encode(PASSWORD))).as("less memory").isTrue();
        assertThat(hashes.needsUpgrade(fewerPasses.encode(PASSWORD))).as("fewer iterations").isTrue();
    }
}
