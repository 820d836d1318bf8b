package dev.portcullis.shared;

import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A validated, normalised email address (ACC-4).
 * <ul>
 * <li>{@link #value()}: as the user typed it, trimmed, Unicode NFC, domain lower-cased. This is
 * what mail is sent to and what the user sees.</li>
 * <li>{@link #key()}: the whole address lower-cased: the uniqueness key, so {@code Ada@Example.com}
 * and {@code ada@example.com} are one account. RFC 5321 §2.4 lets a server treat local parts as
 * case-sensitive, but no mainstream provider does, and two accounts that differ only in case are a
 * takeover risk.</li>
 * </ul>
 * Accepted: an RFC 5322 dot-atom local part of at most 64 characters, {@code @}, and a domain of
 * LDH labels with at least one dot, ASCII only (internationalised addresses are refused: the mail
 * module sends without SMTPUTF8), at most 254 characters in all (RFC 5321 §4.5.3.1 with RFC 3696
 * errata). Quoted local parts and IP-literal domains are refused on purpose.
 */
public final class EmailAddress {

    public static final int MAX_LENGTH = 254;
    static final int MAX_LOCAL_PART = 64;
    static final int MAX_LABEL = 63;
    /** RFC 5322 §3.2.3 atext, dot-separated, no leading/trailing/double dot. */
    private static final Pattern LOCAL_PART = Pattern.compile(
            "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*");
    /** RFC 1035 §2.3.1 labels (lower-case after normalisation); the last label is not all digits. */
    private static final Pattern DOMAIN = Pattern.compile(
            "([a-z0-9]([a-z0-9-]*[a-z0-9])?\\.)+([a-z]([a-z0-9-]*[a-z0-9])?|xn--[a-z0-9-]+)");

    private final String value;
    private final String key;

    private EmailAddress(String value) {
        this.value = value;
        this.key = value.toLowerCase(Locale.ROOT);
    }

    /**
     * Normalises and validates input from a request field named {@code email}.
     *
     * @throws ProblemException 400 {@code validation_failed} with one field error on {@code email}
     */
    public static EmailAddress parse(String raw) {
        return parse(raw, "email");
    }

    /** As {@link #parse(String)}, reporting errors on the given request field (e.g. {@code new_email}). */
    public static EmailAddress parse(String raw, String field) {
        String code = problemWith(raw);
        if (code != null) {
            throw ProblemException.validation(List.of(violation(field, code)));
        }
        return new EmailAddress(normalise(raw));
    }

    /** Whether {@link #parse} would accept the input. */
    public static boolean isValid(String raw) {
        return problemWith(raw) == null;
    }

    /** The address as entered, normalised (see the class comment). */
    public String value() {
        return value;
    }

    /** The lower-cased uniqueness key. */
    public String key() {
        return key;
    }

    public String localPart() {
        return value.substring(0, value.lastIndexOf('@'));
    }

    public String domain() {
        return value.substring(value.lastIndexOf('@') + 1);
    }

    /** Two addresses are the same mailbox when their keys are equal (ACC-4). */
    @Override
    public boolean equals(Object other) {
        return other instanceof EmailAddress e && e.key.equals(key);
    }

    @Override
    public int hashCode() {
        return key.hashCode();
    }

    @Override
    public String toString() {
        return value;
    }

    private static String normalise(String raw) {
        String trimmed = Normalizer.normalize(raw.strip(), Normalizer.Form.NFC);
        int at = trimmed.lastIndexOf('@');
        if (at < 0) {
            return trimmed;
        }
        return trimmed.substring(0, at) + "@" + trimmed.substring(at + 1).toLowerCase(Locale.ROOT);
    }

    /** The violation code, or null when the address is acceptable. */
    private static String problemWith(String raw) {
        if (raw == null || raw.isBlank()) {
            return "required";
        }
        if (raw.length() > 4 * MAX_LENGTH) {
            return "invalid_length"; // before any normalisation work on absurd input
        }
        String address = normalise(raw);
        if (address.length() > MAX_LENGTH) {
            return "invalid_length";
        }
        int at = address.indexOf('@');
        if (at <= 0 || at != address.lastIndexOf('@') || at == address.length() - 1) {
            return "invalid_email";
        }
        String local = address.substring(0, at);
        String domain = address.substring(at + 1);
        if (local.length() > MAX_LOCAL_PART || !LOCAL_PART.matcher(local).matches()) {
            return "invalid_email";
        }
        if (!DOMAIN.matcher(domain).matches()) {
            return "invalid_email";
        }
        for (String label : domain.split("\\.")) {
            if (label.length() > MAX_LABEL) {
                return "invalid_email";
            }
        }
        return null;
    }

    private static FieldViolation violation(String field, String code) {
        switch (code) {
            case "required":
                return new FieldViolation(field, code, "is required");
            case "invalid_length":
                return new FieldViolation(field, code, "must be at most " + MAX_LENGTH + " characters");
            default:
                return new FieldViolation(field, code, "is not a valid email address");
        }
    }
}
