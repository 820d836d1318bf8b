package dev.portcullis.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

class PortcullisEnvironmentPostProcessorTest {

    static final String STRONG_SECRET = "q7Vd0u3Xc2mT1rY8pLk5sN9wE4hJ6bZaQfGxRvCtUoI=";

    @TempDir
    Path dataDir;

    private StandardEnvironment environment(Map<String, Object> variables) {
        StandardEnvironment env = new StandardEnvironment();
        env.getPropertySources().replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                        new HashMap<>(variables)));
        env.getPropertySources().addLast(new MapPropertySource("test-data-dir",
                Map.of("portcullis.data-dir", dataDir.toString())));
        return env;
    }

    private static void process(StandardEnvironment env) {
        new PortcullisEnvironmentPostProcessor().postProcessEnvironment(env, new SpringApplication());
    }

    private static Map<String, Object> validProd() {
        Map<String, Object> vars = new HashMap<>();
        vars.put("PORTCULLIS_MODE", "prod");
        vars.put("PORTCULLIS_MASTER_SECRET", STRONG_SECRET);
        vars.put("PORTCULLIS_ISSUER", "https://auth.example.com");
        vars.put("SPRING_DATASOURCE_URL", "jdbc:postgresql://db.internal:5432/portcullis");
        vars.put("SPRING_MAIL_HOST", "smtp.example.com");
        return vars;
    }

    @Test
    void unknownPortcullisVariableStopsStartupNamingIt_OPS1() {
        assertThatThrownBy(() -> process(environment(Map.of("PORTCULLIS_CORS_ALLOWED_ORIGNS", "https://a.test"))))
                .isInstanceOf(UnsafeConfigurationException.class)
                .hasMessageContaining("PORTCULLIS_CORS_ALLOWED_ORIGNS");
    }

    @Test
    void testSuiteVariablesAreReservedAndIgnored() {
        process(environment(Map.of("PORTCULLIS_TEST_PG_URL", "jdbc:postgresql://127.0.0.1/postgres")));
    }

    @Test
    void unknownPortcullisPropertyInAnySourceStopsStartup_OPS1() {
        StandardEnvironment env = environment(Map.of());
        env.getPropertySources().addFirst(new MapPropertySource("file", Map.of("portcullis.mail.form", "x@y.z")));
        assertThatThrownBy(() -> process(env)).hasMessageContaining("portcullis.mail.form");
    }

    @Test
    void documentedVariableSpellingBindsToTheProperty_OPS1() {
        StandardEnvironment env = environment(Map.of("PORTCULLIS_CORS_ALLOWED_ORIGINS", "https://a.test",
                "PORTCULLIS_TRUSTED_PROXIES_0", "10.0.0.1"));
        process(env);
        assertThat(env.getProperty("portcullis.cors.allowed-origins")).isEqualTo("https://a.test");
        assertThat(env.getProperty("portcullis.trusted-proxies[0]")).isEqualTo("10.0.0.1");
    }

    @Test
    void accessTokenTypBindsFromItsShortAliasAndItsFullName_OPS1() {
        StandardEnvironment alias = environment(Map.of("PORTCULLIS_ACCESS_TOKEN_TYP", "JWT"));
        process(alias);
        assertThat(alias.getProperty("portcullis.tokens.access-token-typ")).isEqualTo("JWT");

        StandardEnvironment full = environment(Map.of("PORTCULLIS_TOKENS_ACCESS_TOKEN_TYP", "JWT"));
        process(full);
        assertThat(full.getProperty("portcullis.tokens.access-token-typ")).isEqualTo("JWT");
    }

    @Test
    void twoSpellingsOfOneSettingWithDifferentValuesStopStartupNamingBoth_OPS1() {
        assertThatThrownBy(() -> process(environment(Map.of("PORTCULLIS_ACCESS_TOKEN_TYP", "JWT",
                "PORTCULLIS_TOKENS_ACCESS_TOKEN_TYP", "at+jwt"))))
                .isInstanceOf(UnsafeConfigurationException.class)
                .hasMessageContaining("PORTCULLIS_ACCESS_TOKEN_TYP").hasMessageContaining("PORTCULLIS_TOKENS_ACCESS_TOKEN_TYP");
        StandardEnvironment same = environment(Map.of("PORTCULLIS_ACCESS_TOKEN_TYP", "JWT",
                "PORTCULLIS_TOKENS_ACCESS_TOKEN_TYP", "JWT"));
        process(same);
        assertThat(same.getProperty("portcullis.tokens.access-token-typ")).isEqualTo("JWT");
    }

    @Test
    void devModeDefaultsToH2OnLoopbackWithAGeneratedPrivateSecret_OPS1() throws Exception {
        StandardEnvironment env = environment(Map.of());
        process(env);

        assertThat(env.getProperty("spring.datasource.url")).startsWith("jdbc:h2:file:" + dataDir);
        assertThat(env.getProperty("server.address")).isEqualTo("127.0.0.1");
        Path secret = dataDir.resolve("master-secret");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secret))).isEqualTo("rw-------");
        assertThat(MasterSecretValue.decodeStrong(Files.readString(secret))).isPresent();

        String first = Files.readString(secret);
        process(environment(Map.of()));
        assertThat(Files.readString(secret)).as("the secret is generated once and kept").isEqualTo(first);
    }

    @Test
    void prodWithNothingConfiguredNamesEveryMissingKey_OPS1() {
        assertThatThrownBy(() -> process(environment(Map.of("PORTCULLIS_MODE", "prod"))))
                .isInstanceOf(UnsafeConfigurationException.class)
                .hasMessageContainingAll("PORTCULLIS_MASTER_SECRET", "PORTCULLIS_ISSUER", "SPRING_DATASOURCE_URL",
                        "SPRING_MAIL_HOST");
    }

    @Test
    void prodWithWeakSecretIsRefusedWithoutPrintingIt_OPS1() {
        for (String weak : new String[] {"changeme", "YWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFh", "c2hvcnQ="}) {
            Map<String, Object> vars = validProd();
            vars.put("PORTCULLIS_MASTER_SECRET", weak);
            assertThatThrownBy(() -> process(environment(vars)))
                    .hasMessageContaining("PORTCULLIS_MASTER_SECRET is weak")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain(weak));
        }
    }

    @Test
    void prodRefusesH2HttpIssuerDevMailboxAndWildcardCors_OPS1_WEB5() {
        Map<String, Object> h2 = validProd();
        h2.put("SPRING_DATASOURCE_URL", "jdbc:h2:file:./data/x");
        assertThatThrownBy(() -> process(environment(h2))).hasMessageContaining("SPRING_DATASOURCE_URL");

        Map<String, Object> http = validProd();
        http.put("PORTCULLIS_ISSUER", "http://auth.example.com");
        assertThatThrownBy(() -> process(environment(http))).hasMessageContaining("PORTCULLIS_ISSUER must use https");

        Map<String, Object> mailbox = validProd();
        mailbox.put("PORTCULLIS_MAIL_DEV_MAILBOX", "true");
        assertThatThrownBy(() -> process(environment(mailbox))).hasMessageContaining("PORTCULLIS_MAIL_DEV_MAILBOX");

        Map<String, Object> cors = validProd();
        cors.put("PORTCULLIS_CORS_ALLOWED_ORIGINS", "https://a.test, *");
        assertThatThrownBy(() -> process(environment(cors))).hasMessageContaining("PORTCULLIS_CORS_ALLOWED_ORIGINS");
    }

    @Test
    void prodRefusesToRunWithoutRateLimits_LOG2() {
        Map<String, Object> off = validProd();
        off.put("PORTCULLIS_RATE_LIMIT_ENABLED", "false");
        assertThatThrownBy(() -> process(environment(off))).hasMessageContaining("PORTCULLIS_RATE_LIMIT_ENABLED");
    }

    @Test
    void prodRefusesAPlainHttpCaptchaVerifier_OPS1_LOG5() {
        Map<String, Object> vars = validProd();
        vars.put("PORTCULLIS_CAPTCHA_VERIFY_URL", "http://verifier.internal/siteverify");
        assertThatThrownBy(() -> process(environment(vars)))
                .hasMessageContaining("PORTCULLIS_CAPTCHA_VERIFY_URL must use https in prod");

        vars.put("PORTCULLIS_CAPTCHA_VERIFY_URL", "https://verifier.internal/siteverify");
        process(environment(vars));
    }

    @Test
    void prodRefusesToTurnTheLockoutOffWithoutACaptcha_LOG3() {
        Map<String, Object> vars = validProd();
        vars.put("PORTCULLIS_LOCKOUT_ENABLED", "false");
        assertThatThrownBy(() -> process(environment(vars))).hasMessageContaining("PORTCULLIS_LOCKOUT_ENABLED");
    }

    @Test
    void devAcceptsAPlainHttpCaptchaVerifierForLocalFakes_LOG5() {
        process(environment(Map.of("PORTCULLIS_CAPTCHA_VERIFY_URL", "http://127.0.0.1:9999/siteverify")));
    }

    @Test
    void prodWithSafeConfigurationPasses_OPS1() {
        StandardEnvironment env = environment(validProd());
        process(env);
        assertThat(env.getProperty("spring.datasource.url")).startsWith("jdbc:postgresql:");
        assertThat(env.getProperty("server.address")).isNull();
    }

    @Test
    void masterSecretFromFileIsAccepted_OPS4() throws Exception {
        Path file = dataDir.resolve("secret-file");
        Files.writeString(file, STRONG_SECRET + "\n");
        Map<String, Object> vars = validProd();
        vars.remove("PORTCULLIS_MASTER_SECRET");
        vars.put("PORTCULLIS_MASTER_SECRET_FILE", file.toString());
        process(environment(vars));

        vars.put("PORTCULLIS_MASTER_SECRET_FILE", dataDir.resolve("missing").toString());
        assertThatThrownBy(() -> process(environment(vars))).hasMessageContaining("PORTCULLIS_MASTER_SECRET_FILE");
    }

    @Test
    void invalidModeIsRefused_OPS1() {
        assertThatThrownBy(() -> process(environment(Map.of("PORTCULLIS_MODE", "production"))))
                .hasMessageContaining("PORTCULLIS_MODE must be dev or prod");
    }
}
