package dev.portcullis.identity;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.stereotype.Component;

/**
 * The one password rule set (PWD-2, NIST SP 800-63B-4 §3.1.1.2): length in code points after
 * NFKC, no composition rules unless an organisation opts in, a blocklist of common and breached
 * passwords, context-specific words, repeated characters, and an optional strength estimate.
 * {@link #rules()} is served to browsers, so client and server say the same thing.
 */
@Component
public final class PasswordPolicy {

    static final String PRODUCT_NAME = "portcullis";
    /** Email local parts and names shorter than this are too common to be refused inside a password. */
    static final int MIN_PERSONAL_FRAGMENT = 3;
    /** "aa" is fine, "aaa" is not. */
    static final int MAX_CONSECUTIVE = 2;

    private final PasswordProperties properties;
    private final CommonPasswords common;
    private final StrengthEstimator strength;
    private final PasswordRule tooShort;
    private final PasswordRule tooLong;
    private final PasswordRule commonPassword;
    private final PasswordRule personalInfo;
    private final PasswordRule repeated;
    private final PasswordRule characterClasses;
    private final PasswordRule tooWeak;
    private final List<PasswordRule> rules;

    PasswordPolicy(PasswordProperties properties, CommonPasswords common) {
        this.properties = properties;
        this.common = common;
        this.strength = properties.minStrengthScore() == null ? null : new StrengthEstimator();
        int min = properties.minLength();
        int max = properties.maxLength();
        this.tooShort = new PasswordRule("too_short", "Use at least " + min + " characters.", Map.of("min_length", min));
        this.tooLong = new PasswordRule("too_long", "Use at most " + max + " characters.", Map.of("max_length", max));
        this.commonPassword = new PasswordRule("common_password",
                "This password is on a list of common or breached passwords. Choose another one.", Map.of());
        this.personalInfo = new PasswordRule("contains_personal_info",
                "Do not use your email address, your name or the word \"" + PRODUCT_NAME + "\" in your password.",
                Map.of("min_fragment_length", MIN_PERSONAL_FRAGMENT, "product_name", PRODUCT_NAME));
        this.repeated = new PasswordRule("repeated_characters",
                "Do not repeat the same character more than " + MAX_CONSECUTIVE + " times in a row.",
                Map.of("max_consecutive", MAX_CONSECUTIVE));
        int classes = properties.minCharacterClasses();
        this.characterClasses = classes == 0 ? null : new PasswordRule("missing_character_class",
                "Use at least " + classes + " of these: lower-case letters, upper-case letters, digits, symbols.",
                Map.of("min_classes", classes, "classes", List.of("lower", "upper", "digit", "symbol")));
        Integer score = properties.minStrengthScore();
        this.tooWeak = score == null ? null : new PasswordRule("too_weak",
                "This password is too easy to guess. Add more words or characters.",
                Map.of("min_score", score, "max_score", 4));
        List<PasswordRule> all = new ArrayList<>(List.of(tooShort, tooLong, commonPassword, personalInfo, repeated));
        if (characterClasses != null) {
            all.add(characterClasses);
        }
        if (tooWeak != null) {
            all.add(tooWeak);
        }
        this.rules = List.copyOf(all);
    }

    public int minLength() {
        return properties.minLength();
    }

    public int maxLength() {
        return properties.maxLength();
    }

    /** The enabled rules, in the order violations are reported. */
    public List<PasswordRule> rules() {
        return rules;
    }

    /** Every rule the password breaks, in {@link #rules()} order; empty when it is acceptable. */
    public List<PasswordViolation> check(String password, PasswordContext context) {
        String normalized = Passwords.normalize(password);
        int length = Passwords.codePoints(normalized);
        List<PasswordViolation> violations = new ArrayList<>();
        if (length < properties.minLength()) {
            violations.add(tooShort.violation());
        }
        if (length > properties.maxLength()) {
            violations.add(tooLong.violation());
        }
        if (common.contains(normalized)) {
            violations.add(commonPassword.violation());
        }
        if (containsPersonalInfo(normalized, context == null ? PasswordContext.NONE : context)) {
            violations.add(personalInfo.violation());
        }
        if (hasRun(normalized, MAX_CONSECUTIVE + 1)) {
            violations.add(repeated.violation());
        }
        if (characterClasses != null && characterClasses(normalized) < properties.minCharacterClasses()) {
            violations.add(characterClasses.violation());
        }
        // Skipped for over-long input: the estimate's cost grows with length, and the password is refused anyway.
        if (tooWeak != null && length <= properties.maxLength() && strength.score(normalized) < properties.minStrengthScore()) {
            violations.add(tooWeak.violation());
        }
        return List.copyOf(violations);
    }

    static boolean containsPersonalInfo(String normalized, PasswordContext context) {
        String haystack = normalized.toLowerCase(Locale.ROOT);
        if (haystack.contains(PRODUCT_NAME)) {
            return true;
        }
        return containsFragmentOf(haystack, context.emailLocalPart()) || containsFragmentOf(haystack, context.displayName());
    }

    /**
     * The whole value and each of its words ("ada.lovelace" → "ada", "lovelace"), case-insensitively;
     * parts shorter than {@link #MIN_PERSONAL_FRAGMENT} code points are ignored.
     */
    private static boolean containsFragmentOf(String haystack, String value) {
        if (value == null) {
            return false;
        }
        String whole = Passwords.normalize(value).strip().toLowerCase(Locale.ROOT);
        if (isFragment(whole) && haystack.contains(whole)) {
            return true;
        }
        for (String part : whole.split("[^\\p{L}\\p{N}]+")) {
            if (isFragment(part) && haystack.contains(part)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isFragment(String s) {
        return Passwords.codePoints(s) >= MIN_PERSONAL_FRAGMENT;
    }

    /** Whether some code point occurs {@code run} or more times in a row. */
    static boolean hasRun(String s, int run) {
        int previous = -1;
        int count = 0;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            count = cp == previous ? count + 1 : 1;
            if (count >= run) {
                return true;
            }
            previous = cp;
            i += Character.charCount(cp);
        }
        return false;
    }

    /** Lower-case, upper-case, digit, and anything else (symbols, spaces, letters without case). */
    static int characterClasses(String s) {
        boolean lower = false;
        boolean upper = false;
        boolean digit = false;
        boolean other = false;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            if (Character.isLowerCase(cp)) {
                lower = true;
            } else if (Character.isUpperCase(cp)) {
                upper = true;
            } else if (Character.isDigit(cp)) {
                digit = true;
            } else {
                other = true;
            }
            i += Character.charCount(cp);
        }
        return (lower ? 1 : 0) + (upper ? 1 : 0) + (digit ? 1 : 0) + (other ? 1 : 0);
    }
}
