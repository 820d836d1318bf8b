package dev.portcullis.mfa;

import java.util.List;

import dev.portcullis.shared.FieldViolation;
import dev.portcullis.shared.ProblemException;

/**
 * An answer to a second-factor challenge: the method ({@code totp}, {@code recovery_code}) and what
 * the user entered. Never logged.
 */
public record FactorAnswer(String method, String value) {

    /**
     * The answer of a request body with the fields {@code code} and {@code recovery_code}.
     *
     * @throws ProblemException 400 unless exactly one of them is present
     */
    public static FactorAnswer fromFields(String code, String recoveryCode) {
        if ((code == null) == (recoveryCode == null)) {
            throw ProblemException.validation(List.of(new FieldViolation("code", "required",
                    "send either code or recovery_code")));
        }
        return code != null ? totp(code.strip()) : recoveryCode(recoveryCode);
    }

    public static FactorAnswer totp(String code) {
        return new FactorAnswer("totp", code);
    }

    public static FactorAnswer recoveryCode(String code) {
        return new FactorAnswer("recovery_code", code);
    }

    @Override
    public String toString() {
        return "FactorAnswer[method=" + method + ", value=******]";
    }
}
