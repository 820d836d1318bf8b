package dev.portcullis.identity;

import java.util.HashMap;
import java.util.Map;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * Binds {@link PasswordProperties} as the application does, so tests get the real
 * {@code @DefaultValue}s and only change what they name (never weakening below the floors, which
 * the record itself refuses).
 */
final class TestPasswordProperties {

    private TestPasswordProperties() {
    }

    static PasswordProperties defaults() {
        return with(Map.of());
    }

    static PasswordProperties with(Map<String, String> overrides) {
        Map<String, String> source = new HashMap<>();
        overrides.forEach((key, value) -> source.put("portcullis.passwords." + key, value));
        return new Binder(new MapConfigurationPropertySource(source))
                .bindOrCreate("portcullis.passwords", PasswordProperties.class);
    }
}
