package dev.portcullis.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.StringReader;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.portcullis.shared.FieldViolation;

class PasswordPolicyTest {

    /** A strong, unlisted 16-code-point base that breaks no rule. */
    private static final String GOOD = "tulip Orbit 7 k!";
    private final CommonPasswords common = list("password", "qwertyuiopasdfgh", "letmein");
    private final PasswordPolicy policy = new PasswordPolicy(TestPasswordProperties.defaults(), common);

    @Test
    void acceptablePasswordHasNoViolations_PWD2() {
        assertThat(codes(GOOD)).isEmpty();
        assertThat(codes("correct horse battery staple")).as("no composition rules by default").isEmpty();
    }

    @Test
    void fourteenCharactersAreTooShortFifteenAreEnough_PWD2() {
        assertThat(codes("abcdefghijklmn")).containsExactly("too_short");
        assertThat(codes("abcdefghijklmno")).isEmpty();
    }

    @Test
    void configuredMinimumLengthApplies_PWD2() {
        PasswordPolicy twelve = new PasswordPolicy(TestPasswordProperties.with(Map.of("min-length", "12")), common);

        assertThat(twelve.check("abcdefghijk", PasswordContext.NONE)).extracting(PasswordViolation::code)
                .containsExactly("too_short");
        assertThat(twelve.check("abcdefghijkl", PasswordContext.NONE)).isEmpty();
    }

    @Test
    void maximumIs128CodePointsAfterNfkc_PWD2() {
        String base = "abcdefgh".repeat(16); // 128
        assertThat(codes(base)).isEmpty();
        assertThat(codes(base + "x")).containsExactly("too_long");
    }

    @Test
    void emojiCountAsOneCodePointEach_PWD2() {
        String emoji = "\uD83D\uDD11"; // key, 2 UTF-16 units
        String fourteenPlusEmoji = "abcdefghijklmn" + emoji;
        assertThat(fourteenPlusEmoji.length()).isEqualTo(16);
        assertThat(codes(fourteenPlusEmoji)).isEmpty();

        String alternating = (emoji + "a").repeat(64); // 128 code points, 192 UTF-16 units
        assertThat(codes(alternating)).isEmpty();
        assertThat(codes(alternating + "b")).containsExactly("too_long");
        assertThat(codes("\uD83D\uDD11\uD83D\uDD12".repeat(7))).as("14 emoji").containsExactly("too_short");
    }

    @Test
    void lengthIsCountedAfterNfkc_PWD2() {
        // U+FB03 (ffi ligature) is one code point that NFKC expands to three.
        String ligatures = "\uFB03".repeat(5); // 5 code points typed, 15 after NFKC
        assertThat(codes(ligatures)).doesNotContain("too_short");
    }

    @Test
    void commonPasswordIsRefusedWhateverItsCase_PWD2() {
        PasswordPolicy twelve = new PasswordPolicy(TestPasswordProperties.with(Map.of("min-length", "12")), common);

        assertThat(twelve.check("QwertyuiopAsdfgh", PasswordContext.NONE)).extracting(PasswordViolation::code)
                .containsExactly("common_password");
    }

    @Test
    void emailLocalPartIsRefusedInsidePassword_PWD2() {
        PasswordContext ada = new PasswordContext("ada.lovelace@example.com", null);

        assertThat(codes("my Ada.Lovelace pass", ada)).containsExactly("contains_personal_info");
        assertThat(codes("analytical LOVELACE engine", ada)).as("each word of the local part").containsExactly("contains_personal_info");
        assertThat(codes(GOOD + " example", ada)).as("the domain is not personal").isEmpty();
    }

    @Test
    void shortEmailLocalPartIsIgnored_PWD2() {
        assertThat(codes("jo is on the boat today", new PasswordContext("jo@example.com", null))).isEmpty();
        assertThat(codes("bob is on the boat today", new PasswordContext("bob@example.com", null)))
                .containsExactly("contains_personal_info");
    }

    @Test
    void displayNameIsRefusedInsidePassword_PWD2() {
        PasswordContext named = new PasswordContext(null, "Grace Hopper");

        assertThat(codes("admiral hopper codes", named)).containsExactly("contains_personal_info");
        assertThat(codes("xx Gr a Ce and compilers", new PasswordContext(null, "Li"))).isEmpty();
    }

    @Test
    void productNameIsRefusedCaseInsensitively_PWD2() {
        assertThat(codes("my PortCullis password!")).containsExactly("contains_personal_info");
    }

    @Test
    void threeIdenticalCharactersInARowAreRefusedTwoAreFine_PWD2() {
        assertThat(codes("tulip Orbit 7 kkk")).containsExactly("repeated_characters");
        assertThat(codes("tulip Orbit 7 kk!")).isEmpty();
        assertThat(codes("tulip Orbit 7 k" + "\uD83D\uDD11".repeat(3))).containsExactly("repeated_characters");
        assertThat(codes("tulip Orbit 7 kKk")).as("never case-folded").isEmpty();
    }

    @Test
    void allViolationsAreReportedAtOnce_PWD2() {
        assertThat(codes("letmein", new PasswordContext("letmein@example.com", null)))
                .containsExactly("too_short", "common_password", "contains_personal_info");
    }

    @Test
    void characterClassRuleIsOptIn_PWD2() {
        PasswordPolicy classes = new PasswordPolicy(TestPasswordProperties.with(Map.of("min-character-classes", "3")), common);

        assertThat(policy.rules()).extracting(PasswordRule::code).doesNotContain("missing_character_class");
        assertThat(classes.check("correct horse battery staple", PasswordContext.NONE)).extracting(PasswordViolation::code)
                .containsExactly("missing_character_class");
        assertThat(classes.check("Correct horse battery staple", PasswordContext.NONE)).isEmpty();
    }

    @Test
    void strengthEstimateIsOptInAndRefusesGuessablePasswords_PWD2() {
        PasswordPolicy strength = new PasswordPolicy(TestPasswordProperties.with(Map.of("min-strength-score", "3")), common);

        assertThat(policy.rules()).extracting(PasswordRule::code).doesNotContain("too_weak");
        assertThat(strength.check("abcdefghijklmnop", PasswordContext.NONE)).extracting(PasswordViolation::code)
                .containsExactly("too_weak");
        assertThat(strength.check("vK7#pQ2!mW9zL4xR tulip", PasswordContext.NONE)).isEmpty();
    }

    @Test
    void violationMessagesAreTheMessagesOfTheServedRules_PWD2() {
        PasswordPolicy all = new PasswordPolicy(TestPasswordProperties.with(
                Map.of("min-character-classes", "4", "min-strength-score", "4")), common);
        List<PasswordViolation> violations = all.check("aaa", new PasswordContext("aaa@example.com", null));

        assertThat(violations).extracting(PasswordViolation::code).containsExactly("too_short",
                "contains_personal_info", "repeated_characters", "missing_character_class", "too_weak");
        assertThat(violations).allSatisfy(v -> assertThat(all.rules()).contains(ruleFor(all, v.code())));
        assertThat(violations).allSatisfy(v -> assertThat(v.message()).isEqualTo(ruleFor(all, v.code()).message()));
        assertThat(violations.get(0).on("new_password"))
                .isEqualTo(new FieldViolation("new_password", "too_short", "Use at least 15 characters."));
    }

    private static PasswordRule ruleFor(PasswordPolicy policy, String code) {
        return policy.rules().stream().filter(r -> r.code().equals(code)).findFirst().orElseThrow();
    }

    private List<String> codes(String password) {
        return codes(password, PasswordContext.NONE);
    }

    private List<String> codes(String password, PasswordContext context) {
        return policy.check(password, context).stream().map(PasswordViolation::code).toList();
    }

    private static CommonPasswords list(String... entries) {
        try {
            return CommonPasswords.read(new BufferedReader(new StringReader(String.join("\n", entries))));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
