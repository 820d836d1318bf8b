package dev.portcullis.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.DisplayName;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import dev.portcullis.testing.Http;
import dev.portcullis.testing.TestDatabases;

/**
 * OPS-1 as an operator meets it: the packaged jar, started with environment variables, exits
 * non-zero and names the offending key. (Failsafe runs after `package`, so the jar exists.)
 */
class ProdModeStartupIT {

    static final Path JAR = Path.of("target", "portcullis.jar");

    record Run(int exitCode, String output) {
    }

    static Map<String, String> validProd() {
        Map<String, String> env = new HashMap<>();
        env.put("PORTCULLIS_MODE", "prod");
        env.put("PORTCULLIS_MASTER_SECRET", PortcullisEnvironmentPostProcessorTest.STRONG_SECRET);
        env.put("PORTCULLIS_ISSUER", "https://auth.example.com");
        env.put("SPRING_DATASOURCE_URL", "jdbc:postgresql://127.0.0.1:1/portcullis");
        env.put("SPRING_MAIL_HOST", "127.0.0.1");
        env.put("SERVER_PORT", "0");
        return env;
    }

    static Run run(Map<String, String> env) throws IOException, InterruptedException {
        assertThat(JAR).as("run `mvn package` first").exists();
        Path out = Files.createTempFile("portcullis-start", ".log");
        Process process = start(env, out);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("Portcullis did not stop by itself:\n" + Files.readString(out));
        }
        return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
    }

    static void assertRefused(Map<String, String> env, String... expected) throws Exception {
        Run run = run(env);
        assertThat(run.exitCode()).as(run.output()).isNotZero();
        assertThat(run.output()).contains(expected);
    }

    static Map<String, String> validProdWith(String key, String value) {
        Map<String, String> env = validProd();
        if (value == null) {
            env.remove(key);
        } else {
            env.put(key, value);
        }
        return env;
    }

    /** The packaged jar with exactly these PORTCULLIS_ and SPRING_ variables, output to {@code out}. */
    static Process start(Map<String, String> env, Path out) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-jar", JAR.toString()).redirectErrorStream(true).redirectOutput(out.toFile());
        builder.environment().keySet().removeIf(k -> k.startsWith("PORTCULLIS_") || k.startsWith("SPRING_"));
        builder.environment().putAll(env);
        return builder.start();
    }

    @Test
    @DisplayName("OPS-1: prod without a master secret exits non-zero naming PORTCULLIS_MASTER_SECRET")
    void missingSecret() throws Exception {
        assertRefused(validProdWith("PORTCULLIS_MASTER_SECRET", null), "PORTCULLIS_MASTER_SECRET is missing");
    }

    @Test
    @DisplayName("OPS-1: prod with a weak secret exits non-zero and never prints the secret")
    void weakSecret() throws Exception {
        Run run = run(validProdWith("PORTCULLIS_MASTER_SECRET", "hunter2hunter2hunter2"));
        assertThat(run.exitCode()).isNotZero();
        assertThat(run.output()).contains("PORTCULLIS_MASTER_SECRET is weak").doesNotContain("hunter2");
    }

    @Test
    @DisplayName("OPS-1/WEB-5: wildcard CORS with credentials exits non-zero naming the key")
    void wildcardCors() throws Exception {
        assertRefused(validProdWith("PORTCULLIS_CORS_ALLOWED_ORIGINS", "*"), "PORTCULLIS_CORS_ALLOWED_ORIGINS");
    }

    @Test
    @DisplayName("OPS-1: prod on H2 exits non-zero naming SPRING_DATASOURCE_URL")
    void h2InProd() throws Exception {
        assertRefused(validProdWith("SPRING_DATASOURCE_URL", "jdbc:h2:mem:x"), "SPRING_DATASOURCE_URL");
    }

    @Test
    @DisplayName("OPS-1: an unknown PORTCULLIS_ variable stops any mode, naming it")
    void unknownVariable() throws Exception {
        assertRefused(Map.of("PORTCULLIS_MAIL_FORM", "x@example.com", "PORTCULLIS_DATA_DIR", freshDataDir()),
                "PORTCULLIS_MAIL_FORM");
    }

    @Test
    @DisplayName("OPS-1: an invalid value stops startup, naming the variable")
    void invalidValue() throws Exception {
        assertRefused(Map.of("PORTCULLIS_MAIL_MAX_ATTEMPTS", "0", "PORTCULLIS_DATA_DIR", freshDataDir()),
                "PORTCULLIS_MAIL_MAX_ATTEMPTS", "must be greater than or equal to 1");
    }

    @Test
    @DisplayName("LOG-5: a CAPTCHA switched on without its secret key stops startup, naming PORTCULLIS_CAPTCHA_SECRET_KEY")
    void captchaWithoutSecretKey() throws Exception {
        assertRefused(Map.of("PORTCULLIS_CAPTCHA_MODE", "always", "PORTCULLIS_CAPTCHA_SITE_KEY", "1x00000000000000000000AA",
                "PORTCULLIS_DATA_DIR", freshDataDir()), "PORTCULLIS_CAPTCHA_SECRET_KEY is missing");
    }

    @Test
    @DisplayName("LOG-5: a CAPTCHA switched on without its site key stops startup and never prints the secret key")
    void captchaWithoutSiteKeyNeverPrintsTheSecret() throws Exception {
        String secret = "0x4AAAAAAAstartup-secret-9f2c";
        Run run = run(Map.of("PORTCULLIS_CAPTCHA_MODE", "after-failures", "PORTCULLIS_CAPTCHA_SECRET_KEY", secret,
                "PORTCULLIS_DATA_DIR", freshDataDir()));
        assertThat(run.exitCode()).as(run.output()).isNotZero();
        assertThat(run.output()).contains("PORTCULLIS_CAPTCHA_SITE_KEY is missing").doesNotContain(secret);
    }

    @Test
    @DisplayName("OPS-1: with a safe prod configuration on PostgreSQL it starts, migrates and serves")
    void validProdConfigurationStarts() throws Exception {
        TestDatabases.TestDatabase db = TestDatabases.emptyPostgres();
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Map<String, String> env = validProdWith("SPRING_DATASOURCE_URL", db.url());
        env.put("SERVER_PORT", Integer.toString(port));
        env.put("PORTCULLIS_CORS_ALLOWED_ORIGINS", "https://app.example.com");
        Path out = Files.createTempFile("portcullis-prod", ".log");
        Process process = start(env, out);
        try {
            Http http = new Http(port);
            Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                    .failFast("Portcullis exited", () -> !process.isAlive())
                    .ignoreExceptions()
                    .until(() -> http.get("/actuator/health/readiness").statusCode() == 200);
            assertThat(http.get("/login").headers().firstValue("Content-Security-Policy")).isPresent();
            assertThat(http.get("/dev/mailbox").statusCode()).as("no dev mailbox in prod").isEqualTo(404);
            try (var connection = db.dataSource().getConnection();
                    var rows = connection.createStatement().executeQuery("SELECT count(*) FROM audit_event")) {
                assertThat(rows.next()).as("Flyway migrated the prod database").isTrue();
            }
        } finally {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
        assertThat(Files.readString(out)).doesNotContain(PortcullisEnvironmentPostProcessorTest.STRONG_SECRET,
                "generated security password");
    }

    /** A dev-mode data directory of its own, so an H2 file left by an older build never interferes. */
    private static String freshDataDir() throws java.io.IOException {
        Path parent = Path.of("target", "tmp");
        Files.createDirectories(parent);
        return Files.createTempDirectory(parent, "data-").toString();
    }
}
