package dev.portcullis.social;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import dev.portcullis.config.TestPortcullisConfig;
import dev.portcullis.shared.ProblemException;

/** OAU-2: redirect_to goes only to a path on the issuer or under an allowed prefix (no open redirect). */
class RedirectTargetsTest {

    private final RedirectTargets targets = new RedirectTargets(TestPortcullisConfig.publicUrls("https://auth.example.com"),
            new SocialProperties(List.of(URI.create("https://app.example.com/"), URI.create("https://shop.example.com/account")),
                    "/", Duration.ofMinutes(10), Duration.ofMinutes(15)));

    @ParameterizedTest
    @ValueSource(strings = { "//evil.example", "/\\evil.example", "https://evil.example", "\\\\evil.example",
            "///evil.example", "/\\/evil.example", "/\tevil", " /x", "https://app.example.com.evil.example/",
            "https://app.example.com@evil.example/", "https://evil.example/?https://app.example.com/",
            "http://app.example.com/", "https://app.example.com:8443/", "javascript:alert(1)",
            "data:text/html,x", "https://shop.example.com/account-evil", "https://shop.example.com/",
            "https://shop.example.com/account/../admin", "evil.example", "https:evil.example" })
    void anyOtherTargetIsRefused_OAU2(String target) {
        assertThat(targets.isAllowed(target)).as(target).isFalse();
        assertThatThrownBy(() -> targets.resolve(target)).isInstanceOf(ProblemException.class)
                .hasMessageContaining("not valid");
    }

    @Test
    void pathsOnTheIssuerAndAllowedPrefixesPass_OAU2() {
        assertThat(targets.resolve(null)).isEqualTo("https://auth.example.com/");
        assertThat(targets.resolve("/welcome?x=1")).isEqualTo("https://auth.example.com/welcome?x=1");
        assertThat(targets.resolve("https://app.example.com/home#top")).isEqualTo("https://app.example.com/home#top");
        assertThat(targets.resolve("https://APP.example.com/")).isEqualTo("https://APP.example.com/");
        assertThat(targets.resolve("https://shop.example.com/account")).isEqualTo("https://shop.example.com/account");
        assertThat(targets.resolve("https://shop.example.com/account/orders"))
                .isEqualTo("https://shop.example.com/account/orders");
    }
}
