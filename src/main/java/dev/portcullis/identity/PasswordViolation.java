package dev.portcullis.identity;

import dev.portcullis.shared.FieldViolation;

/** A broken password rule: its stable code and the message the policy endpoint also serves. */
public record PasswordViolation(String code, String message) {

    /** As an entry of the problem's {@code errors[]}, for the request field that held the password. */
    public FieldViolation on(String field) {
        return new FieldViolation(field, code, message);
    }
}
