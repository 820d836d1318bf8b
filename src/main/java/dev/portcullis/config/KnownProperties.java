package dev.portcullis.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.json.JsonParserFactory;

/**
 * The {@code portcullis.*} keys that exist, read from the metadata that the configuration
 * processor generates from our {@code @ConfigurationProperties} records. One source of truth: a
 * new property is known the moment its record field exists.
 */
final class KnownProperties {

    static final String PREFIX = "portcullis.";
    private static final String METADATA = "META-INF/spring-configuration-metadata.json";
    /**
     * Shorter environment variables that also bind to a property, where a name outside the
     * {@code PORTCULLIS_<MODULE>_} scheme was promised to users. An alias whose property no longer
     * exists is not attached, so it becomes an unknown variable that stops startup.
     */
    private static final Map<String, List<String>> ENV_ALIASES = Map.of(
            "portcullis.tokens.access-token-typ", List.of("PORTCULLIS_ACCESS_TOKEN_TYP"));

    /** A known property and the environment variable spellings that bind to it. */
    record Known(String name, boolean isMap, List<String> envNames) {
    }

    private final List<Known> properties;

    KnownProperties(List<String> names, List<String> mapNames) {
        List<Known> all = new ArrayList<>();
        names.forEach(n -> all.add(new Known(n, false, envNames(n))));
        mapNames.forEach(n -> all.add(new Known(n, true, envNames(n))));
        this.properties = List.copyOf(all);
    }

    static KnownProperties load(ClassLoader classLoader) {
        List<String> names = new ArrayList<>();
        List<String> maps = new ArrayList<>();
        try {
            Enumeration<URL> resources = classLoader.getResources(METADATA);
            while (resources.hasMoreElements()) {
                try (InputStream in = resources.nextElement().openStream()) {
                    Map<String, Object> json = JsonParserFactory.getJsonParser()
                            .parseMap(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                    Object props = json.get("properties");
                    if (props instanceof List<?> list) {
                        for (Object p : list) {
                            if (p instanceof Map<?, ?> m && m.get("name") instanceof String name
                                    && name.startsWith(PREFIX)) {
                                String type = String.valueOf(m.get("type"));
                                (type.startsWith("java.util.Map") ? maps : names).add(name);
                            }
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read configuration metadata", e);
        }
        return new KnownProperties(names, maps);
    }

    /** Every known property name, maps included. */
    List<String> names() {
        return properties.stream().map(Known::name).toList();
    }

    /** The aliases of properties that exist, for the docs test. */
    List<String> envAliases() {
        return properties.stream().flatMap(k -> ENV_ALIASES.getOrDefault(k.name(), List.of()).stream()).toList();
    }

    /**
     * {@code portcullis.cors.allowed-origins} binds from {@code PORTCULLIS_CORS_ALLOWED_ORIGINS}
     * (the spelling API.md documents), from Spring's own {@code PORTCULLIS_CORS_ALLOWEDORIGINS}, and
     * from its {@link #ENV_ALIASES}.
     */
    private static List<String> envNames(String name) {
        String upper = name.toUpperCase(Locale.ROOT).replace('.', '_');
        List<String> names = new ArrayList<>();
        names.add(upper.replace('-', '_'));
        String dashesRemoved = upper.replace("-", "");
        if (!names.contains(dashesRemoved)) {
            names.add(dashesRemoved);
        }
        names.addAll(ENV_ALIASES.getOrDefault(name, List.of()));
        return List.copyOf(names);
    }

    /**
     * The property an environment variable sets, with a list index when it has one
     * ({@code PORTCULLIS_CORS_ALLOWED_ORIGINS_0} → {@code portcullis.cors.allowed-origins[0]}).
     * A variable below a map property is known but returned as empty: Spring's own binding of
     * environment variables handles map keys.
     */
    Optional<Optional<String>> propertyForEnv(String envName) {
        for (Known known : properties) {
            for (String candidate : known.envNames()) {
                if (envName.equals(candidate)) {
                    return Optional.of(Optional.of(known.name()));
                }
                if (envName.startsWith(candidate + "_")) {
                    String rest = envName.substring(candidate.length() + 1);
                    if (known.isMap()) {
                        return Optional.of(Optional.empty());
                    }
                    if (rest.chars().allMatch(Character::isDigit)) {
                        return Optional.of(Optional.of(known.name() + "[" + rest + "]"));
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** Whether a property name from a file, system property or argument is a known one. */
    boolean isKnown(String propertyName) {
        ConfigurationPropertyName name = ConfigurationPropertyName.adapt(propertyName, '.');
        if (name.isEmpty()) {
            return false;
        }
        while (name.getNumberOfElements() > 1 && name.isNumericIndex(name.getNumberOfElements() - 1)) {
            name = name.chop(name.getNumberOfElements() - 1);
        }
        for (Known known : properties) {
            ConfigurationPropertyName k = ConfigurationPropertyName.of(known.name());
            if (k.equals(name) || (known.isMap() && k.isAncestorOf(name))) {
                return true;
            }
        }
        return false;
    }
}
