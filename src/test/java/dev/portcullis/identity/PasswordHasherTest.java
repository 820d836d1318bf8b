package dev.portcullis.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

class PasswordHasherTest {

    private static final String PASSWORD = "correct horse battery staple";
    private final PasswordHasher hasher = new PasswordHasher(TestPasswordProperties.defaults(), new SecureRandom());

    @Test
    void hashThenVerifyRoundTripsWithoutRehash_PWD1() {
        String hash = hasher.hash(PASSWORD);

        assertThat(hasher.verify(PASSWORD, hash)).isEqualTo(new PasswordVerification(true, false));
    }

    @Test
    void wrongPasswordDoesNotVerify_PWD1() {
        String hash = hasher.hash(PASSWORD);

        assertThat(hasher.verify("correct horse battery stapler", hash).matches()).isFalse();
        assertThat(hasher.verify("Correct horse battery staple", hash).matches()).as("never case-folded").isFalse();
    }

    @Test
    void newHashesAreArgon2idWithPrefixAndDefaultOwaspParameters_PWD1() {
        String hash = hasher.hash(PASSWORD);

        assertThat(hash).startsWith("{argon2id}$argon2id$v=19$m=19456,t=2,p=1$");
        assertThat(hasher.hash(PASSWORD)).as("fresh salt each time").isNotEqualTo(hash);
    }

    @Test
    void bcryptHashFromImportVerifiesAndAsksForRehash_PWD1() {
        String bcrypt = new BCryptPasswordEncoder(4).encode(PASSWORD);
        assertThat(bcrypt).startsWith("$2a$");

        assertThat(hasher.verify(PASSWORD, bcrypt)).isEqualTo(new PasswordVerification(true, true));
        assertThat(hasher.verify(PASSWORD, "{bcrypt}" + bcrypt)).isEqualTo(new PasswordVerification(true, true));
        assertThat(hasher.verify("wrong " + PASSWORD, bcrypt).matches()).isFalse();
    }

    @Test
    void bcrypt2bAnd2yVariantsVerify_PWD1() {
        String b = new BCryptPasswordEncoder(BCryptPasswordEncoder.BCryptVersion.$2B, 4).encode(PASSWORD);
        String y = new BCryptPasswordEncoder(BCryptPasswordEncoder.BCryptVersion.$2Y, 4).encode(PASSWORD);

        assertThat(hasher.verify(PASSWORD, b).rehashNeeded()).isTrue();
        assertThat(hasher.verify(PASSWORD, y).rehashNeeded()).isTrue();
    }

    @Test
    void bcryptNeverTruncatesLongPasswords_PWD1() {
        String longPassword = "x".repeat(72);
        String bcrypt = new BCryptPasswordEncoder(4).encode(longPassword);

        assertThat(hasher.verify(longPassword + "tail", bcrypt).matches())
                .as("bcrypt would only see the first 72 bytes").isFalse();
    }

    @Test
    void argon2HashWithWeakerParametersAsksForRehash_PWD1() {
        String stored = hasher.hash(PASSWORD);
        PasswordHasher stronger = new PasswordHasher(TestPasswordProperties.with(Map.of("argon2-iterations", "3")),
                new SecureRandom());

        assertThat(stronger.verify(PASSWORD, stored)).isEqualTo(new PasswordVerification(true, true));
        assertThat(stronger.verify(PASSWORD, stronger.hash(PASSWORD)).rehashNeeded()).isFalse();
    }

    @Test
    void importedArgon2HashInSpringOrBareFormVerifiesAndAsksForRehash_PWD1() {
        String springArgon2 = new Argon2PasswordEncoder(16, 32, 1, 19456, 2).encode(PASSWORD);

        assertThat(hasher.verify(PASSWORD, "{argon2}" + springArgon2)).isEqualTo(new PasswordVerification(true, true));
        assertThat(hasher.verify(PASSWORD, springArgon2)).isEqualTo(new PasswordVerification(true, true));
        assertThat(hasher.verify("nope", springArgon2).matches()).isFalse();
    }

    @Test
    void unknownHashFormatIsRefused_PWD1() {
        assertThatIllegalArgumentException().isThrownBy(() -> hasher.verify(PASSWORD, "{md5}5f4dcc3b5aa765d61d8327deb882cf99"));
        assertThatIllegalArgumentException().isThrownBy(() -> hasher.verify(PASSWORD, "plaintext"));
    }

    @Test
    void fullWidthPasswordVerifiesAgainstItsNfkcForm_PWD2() {
        String fullWidth = "ｃｏｒｒｅｃｔ　ｈｏｒｓｅ　ｂａｔｔｅｒｙ";
        String hash = hasher.hash("correct horse battery");

        assertThat(hasher.verify(fullWidth, hash).matches()).isTrue();
        assertThat(hasher.verify("correct horse battery", hasher.hash(fullWidth)).matches()).isTrue();
    }

    @Test
    void decomposedAccentsVerifyAgainstComposed_PWD2() {
        String composed = "caf\u00e9 au lait tous les jours";
        String decomposed = "cafe\u0301 au lait tous les jours";

        assertThat(hasher.verify(decomposed, hasher.hash(composed)).matches()).isTrue();
    }

    @Test
    void passwordsSharingTheFirst72BytesAndMoreStillDiffer_PWD2() {
        String prefix = "\u00e9".repeat(50); // 100 UTF-8 bytes
        assertThat(prefix.getBytes(StandardCharsets.UTF_8)).hasSizeGreaterThan(72);
        String hash = hasher.hash(prefix + "A");

        assertThat(hasher.verify(prefix + "A", hash).matches()).isTrue();
        assertThat(hasher.verify(prefix + "B", hash).matches()).isFalse();
        assertThat(hasher.verify(prefix, hash).matches()).isFalse();
    }

    @Test
    void dummyVerificationUsesCurrentParametersAndNeverMatches_PWD3() {
        PasswordHasher stronger = new PasswordHasher(
                TestPasswordProperties.with(Map.of("argon2-memory-kib", "47104", "argon2-iterations", "1")), new SecureRandom());

        assertThat(hasher.dummyHash()).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
        assertThat(stronger.dummyHash()).startsWith("$argon2id$v=19$m=47104,t=1,p=1$");
        assertThat(hasher.verifyDummy(PASSWORD)).isEqualTo(new PasswordVerification(false, false));
        assertThat(hasher.verifyDummy("")).isEqualTo(new PasswordVerification(false, false));
    }

    @Test
    void dummyHashesDifferPerInstance_PWD3() {
        PasswordHasher other = new PasswordHasher(TestPasswordProperties.defaults(), new SecureRandom());

        assertThat(other.dummyHash()).isNotEqualTo(hasher.dummyHash());
    }
}
