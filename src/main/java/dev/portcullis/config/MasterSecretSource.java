package dev.portcullis.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.springframework.core.env.PropertyResolver;

/** Where the master secret comes from: the value itself, else the file it names (OPS-4). */
final class MasterSecretSource {

    sealed interface Result permits Missing, Unreadable, Weak, Strong {
    }

    record Missing() implements Result {
    }

    record Unreadable(String key) implements Result {
    }

    record Weak(String key) implements Result {
    }

    record Strong(byte[] bytes) implements Result {
    }

    static final String VALUE_KEY = "PORTCULLIS_MASTER_SECRET";
    static final String FILE_KEY = "PORTCULLIS_MASTER_SECRET_FILE";

    private MasterSecretSource() {
    }

    static Result resolve(PropertyResolver env) {
        String value = env.getProperty("portcullis.master-secret");
        if (value != null && !value.isBlank()) {
            return judge(value, VALUE_KEY);
        }
        String file = env.getProperty("portcullis.master-secret-file");
        if (file == null || file.isBlank()) {
            return new Missing();
        }
        try {
            return judge(Files.readString(Path.of(file), StandardCharsets.US_ASCII), FILE_KEY);
        } catch (IOException | RuntimeException e) {
            return new Unreadable(FILE_KEY);
        }
    }

    private static Result judge(String value, String key) {
        Optional<byte[]> bytes = MasterSecretValue.decodeStrong(value);
        return bytes.<Result>map(Strong::new).orElseGet(() -> new Weak(key));
    }
}
