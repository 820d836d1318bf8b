package dev.portcullis.config;

import java.util.Locale;

/** OPS-1: {@code dev} runs on embedded defaults; {@code prod} refuses unsafe configuration. */
public enum Mode {
    DEV, PROD;

    static Mode parse(String value) {
        if (value == null || value.isBlank()) {
            return DEV;
        }
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
