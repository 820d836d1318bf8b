package dev.portcullis.shared;

/**
 * One field-level validation failure, rendered in the problem's {@code errors[]}. The message is
 * ours, never the framework's, and never echoes the rejected value (it may be a password).
 */
public record FieldViolation(String field, String code, String message) {
}
