package dev.portcullis.captcha;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** LOG-5: a CAPTCHA that is switched on but cannot verify stops startup, naming the variable. */
class CaptchaPropertiesTest {

    private static final URI CLOUDFLARE = URI.create(CaptchaProperties.CLOUDFLARE_SITEVERIFY);
    private static final String SECRET = "0x4AAAAAAAsecret-never-shown-anywhere";

    @EnableConfigurationProperties(CaptchaProperties.class)
    static class Bound {
    }

    private final ApplicationContextRunner context = new ApplicationContextRunner().withUserConfiguration(Bound.class);

    @Test
    void startupWhenModeAlwaysWithoutSecretKeyThenRefusedNamingTheVariable_LOG5() {
        context.withPropertyValues("portcullis.captcha.mode=always", "portcullis.captcha.site-key=1x00000000000000000000AA")
                .run(started -> assertThat(started).hasFailed().getFailure()
                        .rootCause().hasMessageContaining("PORTCULLIS_CAPTCHA_SECRET_KEY is missing"));
    }

    @Test
    void startupWhenModeAfterFailuresWithoutSiteKeyThenRefusedWithoutPrintingTheSecret_LOG5() {
        context.withPropertyValues("portcullis.captcha.mode=after-failures", "portcullis.captcha.secret-key=" + SECRET)
                .run(started -> {
                    assertThat(started).hasFailed();
                    Throwable failure = started.getStartupFailure();
                    assertThat(failure).rootCause().hasMessageContaining("PORTCULLIS_CAPTCHA_SITE_KEY is missing");
                    for (Throwable t = failure; t != null; t = t.getCause()) {
                        assertThat(String.valueOf(t.getMessage())).doesNotContain(SECRET);
                    }
                });
    }

    @Test
    void defaultsAreOffWithCloudflaresVerifierAndNeedNoKeys_LOG5() {
        context.run(started -> {
            CaptchaProperties properties = started.getBean(CaptchaProperties.class);
            assertThat(properties.mode()).isEqualTo(Captcha.Mode.OFF);
            assertThat(properties.afterFailures()).isEqualTo(3);
            assertThat(properties.verifyUrl()).isEqualTo(CLOUDFLARE);
            assertThat(properties.timeout()).isEqualTo(Duration.ofSeconds(3));
        });
    }

    @Test
    void modeBindsFromTheDocumentedSpellings_LOG5() {
        context.withPropertyValues("portcullis.captcha.mode=after-failures", "portcullis.captcha.site-key=site",
                "portcullis.captcha.secret-key=" + SECRET, "portcullis.captcha.after-failures=5")
                .run(started -> {
                    CaptchaProperties properties = started.getBean(CaptchaProperties.class);
                    assertThat(properties.mode()).isEqualTo(Captcha.Mode.AFTER_FAILURES);
                    assertThat(properties.afterFailures()).isEqualTo(5);
                });
    }

    @Test
    void toStringNeverShowsTheSecretKey_LOG5() {
        CaptchaProperties properties = new CaptchaProperties(Captcha.Mode.ALWAYS, 3, "site", SECRET, CLOUDFLARE,
                Duration.ofSeconds(3));

        assertThat(properties.toString()).doesNotContain(SECRET).contains("secretKey=******");
    }

    @Test
    void blankKeysCountAsMissingAndBadVerifierOrTimeoutIsRefused_LOG5() {
        assertThatThrownBy(() -> new CaptchaProperties(Captcha.Mode.ALWAYS, 3, "site", "  ", CLOUDFLARE,
                Duration.ofSeconds(3))).hasMessageContaining("PORTCULLIS_CAPTCHA_SECRET_KEY");
        assertThatThrownBy(() -> new CaptchaProperties(Captcha.Mode.OFF, 3, null, null,
                URI.create("ftp://verifier.example/siteverify"), Duration.ofSeconds(3)))
                .hasMessageContaining("PORTCULLIS_CAPTCHA_VERIFY_URL");
        assertThatThrownBy(() -> new CaptchaProperties(Captcha.Mode.OFF, 3, null, null,
                URI.create("https://user:pw@verifier.example/siteverify"), Duration.ofSeconds(3)))
                .hasMessageContaining("PORTCULLIS_CAPTCHA_VERIFY_URL");
        assertThatThrownBy(() -> new CaptchaProperties(Captcha.Mode.OFF, 3, null, null, CLOUDFLARE,
                Duration.ofSeconds(30))).hasMessageContaining("PORTCULLIS_CAPTCHA_TIMEOUT");
    }
}
