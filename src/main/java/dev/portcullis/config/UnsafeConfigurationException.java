package dev.portcullis.config;

import java.util.List;

/**
 * Startup refused: each problem names the configuration key (as an environment variable) and
 * what is wrong with it, never its value.
 */
public class UnsafeConfigurationException extends RuntimeException {

    private final List<String> problems;

    public UnsafeConfigurationException(List<String> problems) {
        super("Portcullis refuses to start:\n  - " + String.join("\n  - ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
