package dev.portcullis.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CommonPasswordsTest {

    private static CommonPasswords list;

    @BeforeAll
    static void load() {
        list = CommonPasswords.load(CommonPasswordsTest.class.getClassLoader());
    }

    @Test
    void shippedListHoldsTheTop100000_PWD2() {
        assertThat(list.sourceLines()).isGreaterThanOrEqualTo(100_000);
        // Case variants (Password, PASSWORD) collapse into one entry.
        assertThat(list.size()).isGreaterThan(95_000);
        assertThat(list.tableBytes()).as("compact: about 1 MiB").isLessThanOrEqualTo(1L << 20);
    }

    @Test
    void everyEntryOfTheShippedListIsRefused_PWD2() throws Exception {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(
                getClass().getClassLoader().getResourceAsStream(CommonPasswords.RESOURCE), StandardCharsets.UTF_8))) {
            List<String> entries = reader.lines().map(String::strip).filter(s -> !s.isEmpty()).toList();
            assertThat(entries).hasSizeGreaterThanOrEqualTo(100_000);
            assertThat(entries).allMatch(list::contains);
        }
    }

    @Test
    void wellKnownPasswordsAreOnTheListWhateverTheirCase_PWD2() {
        assertThat(List.of("password", "123456", "qwerty", "iloveyou", "correcthorsebatterystaple", "PASSWORD",
                "QwErTy")).allMatch(list::contains);
    }

    @Test
    void fullWidthFormOfAListedPasswordIsRefused_PWD2() {
        assertThat(list.contains("ｐａｓｓｗｏｒｄ")).isTrue();
    }

    @Test
    void unlistedPasswordsAreNot_PWD2() {
        assertThat(list.contains("vK7#pQ2!mW9zL4xR")).isFalse();
        assertThat(list.contains("password-but-much-longer-than-anything")).isFalse();
        assertThat(list.contains("")).isFalse();
    }

    @Test
    void smallListBehavesLikeASet() throws Exception {
        CommonPasswords small = CommonPasswords.read(new BufferedReader(new StringReader("abc\r\nABC\n\ndef\n")));

        assertThat(small.sourceLines()).isEqualTo(3);
        assertThat(small.size()).isEqualTo(2);
        assertThat(small.contains("Abc")).isTrue();
        assertThat(small.contains("def")).isTrue();
        assertThat(small.contains("ghi")).isFalse();
    }
}
