package dev.portcullis.testing;

import java.io.IOException;
import java.io.UncheckedIOException;

import redis.embedded.RedisServer;

/**
 * A real Redis for tests (LOG-4): the server named by {@value #URL_VARIABLE} (CI points it at the
 * machine's Redis), otherwise one embedded Redis per JVM (a real redis-server binary shipped in a
 * Maven Central jar), bound to loopback on a free port.
 */
public final class TestRedis {

    /** e.g. {@code redis://127.0.0.1:6379}. */
    public static final String URL_VARIABLE = "PORTCULLIS_TEST_REDIS_URL";
    private static volatile String url;

    private TestRedis() {
    }

    public static String url() {
        String current = url;
        if (current != null) {
            return current;
        }
        synchronized (TestRedis.class) {
            if (url == null) {
                String configured = System.getenv(URL_VARIABLE);
                url = configured != null && !configured.isBlank() ? configured.strip() : startEmbedded();
            }
            return url;
        }
    }

    private static String startEmbedded() {
        int port = AccountFlowTest.freePort();
        try {
            RedisServer server = RedisServer.newRedisServer().port(port).bind("127.0.0.1")
                    .setting("save \"\"").setting("appendonly no").build();
            server.start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    server.stop();
                } catch (IOException e) {
                    // the JVM is going away anyway
                }
            }, "embedded-redis-stop"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the embedded Redis", e);
        }
        return "redis://127.0.0.1:" + port;
    }
}
