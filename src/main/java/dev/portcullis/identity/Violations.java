package dev.portcullis.identity;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;

import dev.portcullis.shared.EmailAddress;
import dev.portcullis.shared.FieldViolation;
import dev.portcullis.shared.ProblemException;

/**
 * Collects the field errors of one request so the client hears about all of them at once, then
 * ends the request with one 400 {@code validation_failed} (ERR-1).
 */
final class Violations {

    /** ACC-4: names at most 50 code points. */
    static final int MAX_DISPLAY_NAME = 50;

    private final List<FieldViolation> list = new ArrayList<>();

    /** The parsed address, or null (and a violation) when it is not acceptable. */
    EmailAddress email(String raw, String field) {
        try {
            return EmailAddress.parse(raw, field);
        } catch (ProblemException e) {
            list.addAll(e.violations());
            return null;
        }
    }

    /**
     * ACC-4, WEB-6: trimmed, NFC, at most {@value #MAX_DISPLAY_NAME} code points, no control or
     * format characters (no bidi overrides to disguise a name). Blank means "no name" (null).
     */
    String displayName(String raw, String field) {
        if (raw == null) {
            return null;
        }
        String name = Normalizer.normalize(raw.strip(), Normalizer.Form.NFC);
        if (name.isEmpty()) {
            return null;
        }
        if (name.codePointCount(0, name.length()) > MAX_DISPLAY_NAME) {
            list.add(new FieldViolation(field, "invalid_length", "must be at most " + MAX_DISPLAY_NAME + " characters"));
            return null;
        }
        boolean bad = name.codePoints().anyMatch(cp -> Character.isISOControl(cp)
                || Character.getType(cp) == Character.FORMAT || Character.getType(cp) == Character.LINE_SEPARATOR
                || Character.getType(cp) == Character.PARAGRAPH_SEPARATOR);
        if (bad) {
            list.add(new FieldViolation(field, "invalid_characters", "contains characters that are not allowed"));
            return null;
        }
        return name;
    }

    /** PWD-2: every rule the password breaks, on {@code field}. */
    void password(PasswordPolicy policy, String password, PasswordContext context, String field) {
        if (password == null) {
            list.add(new FieldViolation(field, "required", "is required"));
            return;
        }
        policy.check(password, context).forEach(v -> list.add(v.on(field)));
    }

    void add(String field, String code, String message) {
        list.add(new FieldViolation(field, code, message));
    }

    boolean isEmpty() {
        return list.isEmpty();
    }

    void throwIfAny() {
        if (!list.isEmpty()) {
            throw ProblemException.validation(list);
        }
    }
}
