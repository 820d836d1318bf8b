package dev.portcullis.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.OriginTrackedMapPropertySource;
import org.springframework.boot.origin.OriginTrackedValue;
import org.springframework.boot.origin.SystemEnvironmentOrigin;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * Runs before any bean exists, so a misconfigured Portcullis stops before it opens a database or a
 * port (OPS-1):
 * <ol>
 * <li>maps {@code PORTCULLIS_*} environment variables to properties with the spelling API.md
 * documents ({@code PORTCULLIS_CORS_ALLOWED_ORIGINS} → {@code portcullis.cors.allowed-origins}), and
 * refuses any that names no property, as it does for unknown {@code portcullis.*} keys from files,
 * system properties or arguments — a typo must not silently leave a default in force;</li>
 * <li>in dev mode, adds the embedded defaults ({@link DevDefaults});</li>
 * <li>runs {@link StartupSafetyCheck}.</li>
 * </ol>
 */
public final class PortcullisEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

    static final String ENV_SOURCE_NAME = "portcullisEnvironmentVariables";
    private static final String ENV_PREFIX = "PORTCULLIS_";
    /** Reserved for Portcullis' own test suite (e.g. PORTCULLIS_TEST_PG_URL); never read by the server. */
    private static final String TEST_PREFIX = "PORTCULLIS_TEST_";

    @Override
    public int getOrder() {
        // After config data (application.properties, profiles) has been loaded.
        return Ordered.LOWEST_PRECEDENCE - 100;
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment env, SpringApplication application) {
        ClassLoader loader = application == null || application.getClassLoader() == null
                ? getClass().getClassLoader() : application.getClassLoader();
        KnownProperties known = KnownProperties.load(loader);
        List<String> problems = new ArrayList<>();
        mapEnvironmentVariables(env, known, problems);
        findUnknownProperties(env, known, problems);
        if (!problems.isEmpty()) {
            throw new UnsafeConfigurationException(problems);
        }
        String rawMode = env.getProperty("portcullis.mode");
        Mode mode = Mode.parse(rawMode);
        if (mode == null) {
            throw new UnsafeConfigurationException(List.of("PORTCULLIS_MODE must be dev or prod"));
        }
        if (mode == Mode.DEV) {
            DevDefaults.apply(env);
        }
        problems.addAll(StartupSafetyCheck.problems(env, mode));
        if (!problems.isEmpty()) {
            throw new UnsafeConfigurationException(problems);
        }
    }

    private static void mapEnvironmentVariables(ConfigurableEnvironment env, KnownProperties known,
            List<String> problems) {
        PropertySource<?> system = env.getPropertySources()
                .get(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
        if (!(system instanceof EnumerablePropertySource<?> variables)) {
            return;
        }
        Map<String, Object> mapped = new LinkedHashMap<>();
        Map<String, String> mappedFrom = new LinkedHashMap<>();
        for (String name : new TreeSet<>(List.of(variables.getPropertyNames()))) {
            String upper = name.toUpperCase(Locale.ROOT);
            if (!upper.startsWith(ENV_PREFIX) || upper.startsWith(TEST_PREFIX)) {
                continue;
            }
            Optional<Optional<String>> property = known.propertyForEnv(upper);
            if (property.isEmpty()) {
                problems.add(name + " is not a Portcullis setting (see docs/configuration.md)");
            } else if (property.get().isPresent()) {
                String p = property.get().get();
                Object value = variables.getProperty(name);
                String earlier = mappedFrom.putIfAbsent(p, name);
                // Two spellings of one setting (an alias and the full name) must not silently race.
                if (earlier != null && !String.valueOf(variables.getProperty(earlier)).equals(String.valueOf(value))) {
                    problems.add(earlier + " and " + name + " both set " + p + " with different values; set one");
                }
                mapped.putIfAbsent(p, OriginTrackedValue.of(value, new SystemEnvironmentOrigin(name)));
            }
        }
        if (!mapped.isEmpty()) {
            env.getPropertySources().addBefore(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                    new OriginTrackedMapPropertySource(ENV_SOURCE_NAME, mapped, true));
        }
    }

    private static void findUnknownProperties(ConfigurableEnvironment env, KnownProperties known,
            List<String> problems) {
        for (PropertySource<?> source : env.getPropertySources()) {
            if (source.getName().equals(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME)
                    || source.getName().equals(ENV_SOURCE_NAME)
                    || !(source instanceof EnumerablePropertySource<?> enumerable)) {
                continue;
            }
            for (String name : enumerable.getPropertyNames()) {
                if (name.toLowerCase(Locale.ROOT).startsWith(KnownProperties.PREFIX) && !known.isKnown(name)) {
                    problems.add(name + " (in " + source.getName() + ") is not a Portcullis setting");
                }
            }
        }
    }
}
