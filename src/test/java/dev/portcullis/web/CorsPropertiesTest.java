package dev.portcullis.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

class CorsPropertiesTest {

    @Test
    void originsAreTrimmedAndNormalised_WEB5() {
        CorsProperties cors = new CorsProperties(List.of(" HTTPS://App.Example.COM:443/ ", "http://localhost:3000",
                "http://x.test:80", ""), true, Duration.ofHours(1));
        assertThat(cors.allowedOrigins()).containsExactly("https://app.example.com", "http://localhost:3000", "http://x.test");
    }

    @Test
    void originsWithPathsWildcardsOrOtherSchemesAreRefused_WEB5() {
        for (String bad : List.of("https://app.example.com/path", "https://*.example.com", "ftp://x.test",
                "app.example.com", "https://user@app.example.com", "https://app.example.com?x=1")) {
            assertThatThrownBy(() -> new CorsProperties(List.of(bad), true, Duration.ofHours(1)))
                    .as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
