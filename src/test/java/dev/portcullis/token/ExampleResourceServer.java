package dev.portcullis.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.portcullis.testing.AccountFlowTest;
import dev.portcullis.testing.Http;

/**
 * examples/spring-resource-server as a user runs it: its own jar (built from its own pom by the
 * invoker plugin before the ITs), in its own JVM, configured only through the environment variables
 * its application.properties reads. Nothing of Portcullis' classpath leaks into it.
 */
final class ExampleResourceServer implements AutoCloseable {

    /** Set by failsafe (pom.xml); the jar exists once {@code mvn verify} has passed pre-integration-test. */
    static final String JAR_PROPERTY = "examples.spring-resource-server.jar";

    private final Process process;
    private final Path log;
    final int port;
    final Http http;

    private ExampleResourceServer(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.port = port;
        this.http = new Http(port);
    }

    /** Starts the example for an issuer and an audience, and waits until it answers. */
    static ExampleResourceServer start(String issuer, String audience) {
        String jar = System.getProperty(JAR_PROPERTY);
        assertThat(jar).as("system property %s: run the ITs with mvn verify", JAR_PROPERTY).isNotBlank();
        assertThat(Path.of(jar)).as("the example's jar, built by maven-invoker-plugin").isRegularFile();
        int port = AccountFlowTest.freePort();
        Path log = Path.of(jar).resolveSibling("run-" + port + ".log");
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-jar", jar).redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.put("PORT", String.valueOf(port));
        env.put("PORTCULLIS_ISSUER", issuer);
        env.put("API_AUDIENCE", audience);
        ExampleResourceServer server;
        try {
            Process process = builder.start();
            // Should the test JVM end without @AfterAll (a crash, a timeout), the example must not outlive it.
            Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
            server = new ExampleResourceServer(process, log, port);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.awaitListening();
        return server;
    }

    /** Up once a request without a token gets its 401 (the decoder is built on the first token, not here). */
    private void awaitListening() {
        // Http wraps "connection refused" in IllegalStateException; an exited process fails at once.
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250))
                .ignoreExceptionsInstanceOf(IllegalStateException.class).until(() -> {
                    if (!process.isAlive()) {
                        throw new AssertionError("the example exited with " + process.exitValue() + ":\n" + output());
                    }
                    return http.get("/hello").statusCode() == 401;
                });
    }

    /** What the example printed, for failure messages. */
    String output() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log at " + log + ")";
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
