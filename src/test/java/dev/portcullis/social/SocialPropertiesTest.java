package dev.portcullis.social;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** The documented defaults, and refusals naming the variable (configuration.md). */
class SocialPropertiesTest {

    private static SocialProperties bind(Map<String, String> values) {
        return new Binder(new MapConfigurationPropertySource(values)).bindOrCreate("portcullis.social",
                SocialProperties.class);
    }

    @Test
    void defaultsAllowOnlyPathsOnTheIssuer_OAU2() {
        SocialProperties defaults = bind(Map.of());
        assertThat(defaults.allowedRedirects()).isEmpty();
        assertThat(defaults.defaultRedirect()).isEqualTo("/");
        assertThat(defaults.stateLifetime()).hasMinutes(10);
        assertThat(defaults.linkLifetime()).hasMinutes(15);
    }

    @Test
    void badValuesStopStartupNamingTheVariable() {
        assertThatThrownBy(() -> bind(Map.of("portcullis.social.allowed-redirects", "https://app.example.com/?x=1")))
                .hasStackTraceContaining("PORTCULLIS_SOCIAL_ALLOWED_REDIRECTS");
        assertThatThrownBy(() -> bind(Map.of("portcullis.social.allowed-redirects", "//app.example.com/")))
                .hasStackTraceContaining("PORTCULLIS_SOCIAL_ALLOWED_REDIRECTS");
        assertThatThrownBy(() -> bind(Map.of("portcullis.social.state-lifetime", "2h")))
                .hasStackTraceContaining("PORTCULLIS_SOCIAL_STATE_LIFETIME");
        assertThat(bind(Map.of("portcullis.social.allowed-redirects", "https://a.example/,https://b.example/app"))
                .allowedRedirects()).hasSize(2);
    }
}
