package dev.portcullis.identity;

import java.util.Map;
import java.util.Objects;

/**
 * One rule of the password policy as served to browsers (PWD-2): its stable code, the exact
 * message the server returns when the rule is broken, and its parameters, so a client can check
 * as it types and still show the server's words.
 */
public record PasswordRule(String code, String message, Map<String, Object> parameters) {

    public PasswordRule {
        Objects.requireNonNull(code);
        Objects.requireNonNull(message);
        parameters = Map.copyOf(parameters);
    }

    /** This rule, broken. */
    public PasswordViolation violation() {
        return new PasswordViolation(code, message);
    }
}
