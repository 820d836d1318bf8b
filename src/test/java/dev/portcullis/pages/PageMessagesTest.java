package dev.portcullis.pages;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * WEB-1 "localised": Thymeleaf renders a missing message as {@code ??key??} without failing, so the
 * keys the page templates name, and the problem codes the pages translate, are checked here in both
 * languages.
 */
class PageMessagesTest {

    private static final Path TEMPLATES = Paths.get("src/main/resources/templates/pages");
    private static final Pattern MESSAGE_KEY = Pattern.compile("#\\{([a-z0-9_.-]+)[}(]");
    private static final Pattern QUOTED_KEY = Pattern.compile("msg(?:OrNull)?\\('([a-z0-9_.-]+)'\\s*[,)]");
    private static final Pattern PROBLEM_CODES = Pattern.compile("th:each=\"code : \\$\\{ \\{([^}]*)\\} \\}\"");

    @Test
    @DisplayName("WEB-1: English and German have the same keys")
    void bothLanguagesHaveTheSameKeys() {
        assertThat(load("i18n/messages_de.properties").stringPropertyNames())
                .containsExactlyInAnyOrderElementsOf(load("i18n/messages.properties").stringPropertyNames());
    }

    @Test
    @DisplayName("WEB-1: every message a page template names exists in both languages")
    void everyKeyTheTemplatesNameExists() throws IOException {
        Set<String> named = new TreeSet<>();
        try (Stream<Path> files = Files.walk(TEMPLATES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".html")).toList()) {
                String html = Files.readString(file);
                collect(MESSAGE_KEY.matcher(html), named);
                collect(QUOTED_KEY.matcher(html), named);
            }
        }
        assertThat(named).hasSizeGreaterThan(50);
        assertThat(load("i18n/messages.properties").stringPropertyNames()).containsAll(named);
        assertThat(load("i18n/messages_de.properties").stringPropertyNames()).containsAll(named);
    }

    @Test
    @DisplayName("ERR-1 on pages: each problem code the pages translate has a friendly message")
    void everyTranslatedProblemCodeHasAMessage() throws IOException {
        Matcher codes = PROBLEM_CODES.matcher(Files.readString(TEMPLATES.resolve("layout.html")));
        assertThat(codes.find()).isTrue();
        Set<String> keys = load("i18n/messages.properties").stringPropertyNames();
        for (String quoted : codes.group(1).split(",")) {
            assertThat(keys).contains("problem." + quoted.strip().replace("'", ""));
        }
    }

    private static void collect(Matcher matcher, Set<String> into) {
        while (matcher.find()) {
            into.add(matcher.group(1));
        }
    }

    private static Properties load(String resource) {
        Properties properties = new Properties();
        try (InputStream in = PageMessagesTest.class.getClassLoader().getResourceAsStream(resource)) {
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return properties;
    }
}
