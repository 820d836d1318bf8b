package dev.portcullis.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

/** docs/configuration.md stays true: every setting the code binds is documented there. */
class ConfigurationDocsTest {

    @Test
    void everyPropertyIsDocumented() throws Exception {
        String docs = Files.readString(Path.of("docs", "configuration.md"));
        List<String> undocumented = KnownProperties.load(getClass().getClassLoader()).names().stream()
                .filter(name -> !docs.contains("`" + name + "`"))
                .toList();
        assertThat(undocumented).as("add these to docs/configuration.md").isEmpty();
    }

    @Test
    void everyEnvironmentAliasIsDocumented() throws Exception {
        String docs = Files.readString(Path.of("docs", "configuration.md"));
        List<String> aliases = KnownProperties.load(getClass().getClassLoader()).envAliases();
        assertThat(aliases).isNotEmpty();
        assertThat(aliases.stream().filter(alias -> !docs.contains("`" + alias + "`")))
                .as("add these to docs/configuration.md").isEmpty();
    }
}
