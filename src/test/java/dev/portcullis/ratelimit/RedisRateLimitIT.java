package dev.portcullis.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import dev.portcullis.PortcullisApplication;
import dev.portcullis.testing.Http;
import dev.portcullis.testing.TcpProxy;
import dev.portcullis.testing.TestDatabases;
import dev.portcullis.testing.TestRedis;

/**
 * LOG-4: with the Redis store, several Portcullis instances enforce ONE limit; while Redis is
 * unreachable they fall back as documented (per-instance limits, or 503 with {@code deny}), never
 * a 500, and they share again once Redis is back. Each instance is a full application on its own
 * port over one shared database and one real Redis ({@link TestRedis}).
 */
class RedisRateLimitIT {

    private static final String SIGNUP_LIMIT = "portcullis.rate-limit.signup=ip 3/1h, ip 20/1d";
    private final List<ConfigurableApplicationContext> instances = new ArrayList<>();
    private TcpProxy proxy;

    @AfterEach
    void stopAll() {
        instances.forEach(ConfigurableApplicationContext::close);
        if (proxy != null) {
            proxy.close();
        }
    }

    /** A Portcullis instance; every test uses its own Redis key space through its own master secret. */
    private Http instance(String redisUrl, String masterSecret, TestDatabases.TestDatabase db, String... extra) {
        List<String> args = new ArrayList<>(List.of("--server.port=0", "--portcullis.rate-limit.store=redis",
                "--spring.data.redis.url=" + redisUrl, "--" + SIGNUP_LIMIT, "--portcullis.master-secret=" + masterSecret));
        Stream.of(db.springProperties()).map(p -> "--" + p).forEach(args::add);
        Stream.of(extra).map(p -> "--" + p).forEach(args::add);
        ConfigurableApplicationContext context = new SpringApplicationBuilder(PortcullisApplication.class)
                .profiles("test").run(args.toArray(String[]::new));
        instances.add(context);
        return new Http(((WebServerApplicationContext) context).getWebServer().getPort());
    }

    private static String freshMasterSecret() {
        byte[] bytes = new byte[32];
        new java.security.SecureRandom().nextBytes(bytes);
        return java.util.Base64.getEncoder().encodeToString(bytes);
    }

    private static HttpResponse<String> register(Http http) {
        return http.postJson("/api/v1/auth/register", "{\"email\":\"redis-" + System.nanoTime()
                + "@example.com\",\"password\":\"correct horse battery staple 42\"}");
    }

    private static double fallbacks(Http http) {
        String metrics = http.get("/actuator/prometheus").body();
        return metrics.lines().filter(l -> l.startsWith("portcullis_rate_limit_store_fallbacks_total"))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    @Test
    void twoInstancesShareOneLimitThroughRedis_LOG4() {
        String secret = freshMasterSecret();
        TestDatabases.TestDatabase db = TestDatabases.h2();
        Http a = instance(TestRedis.url(), secret, db);
        Http b = instance(TestRedis.url(), secret, db);

        assertThat(register(a).statusCode()).isEqualTo(202);
        assertThat(register(b).statusCode()).isEqualTo(202);
        assertThat(register(a).statusCode()).isEqualTo(202);

        HttpResponse<String> fourth = register(b);
        assertThat(fourth.statusCode()).as(fourth.body()).isEqualTo(429);
        assertThat(fourth.headers().firstValue("RateLimit-Policy")).hasValueSatisfying(
                p -> assertThat(p).contains("\"signup.ip.1h\";q=3;w=3600"));
        assertThat(register(a).statusCode()).isEqualTo(429);
    }

    @Test
    void whileRedisIsDownEachInstanceCountsAloneAndNothingFails_thenTheyShareAgain_LOG4() {
        URI redis = URI.create(TestRedis.url());
        proxy = new TcpProxy(redis.getHost(), redis.getPort());
        proxy.start();
        String viaProxy = "redis://127.0.0.1:" + proxy.port();
        String secret = freshMasterSecret();
        TestDatabases.TestDatabase db = TestDatabases.h2();
        Http a = instance(viaProxy, secret, db);
        Http b = instance(viaProxy, secret, db);
        Http strict = instance(viaProxy, secret, db, "portcullis.rate-limit.on-store-failure=deny");
        assertThat(register(a).statusCode()).isEqualTo(202);
        assertThat(register(b).statusCode()).isEqualTo(202); // two of three used, in Redis

        proxy.stop();

        // "local" (the default): this instance counts alone, with the full limit, and says so in its metrics.
        for (int i = 0; i < 3; i++) {
            assertThat(register(a).statusCode()).isEqualTo(202);
        }
        assertThat(register(a).statusCode()).isEqualTo(429);
        assertThat(fallbacks(a)).isGreaterThanOrEqualTo(4.0);
        // "deny": a clear 503 with Retry-After, never a 500.
        HttpResponse<String> refused = register(strict);
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(503);
        assertThat(refused.body()).contains("\"code\":\"service_unavailable\"");
        assertThat(refused.headers().firstValue("Retry-After")).isPresent();

        proxy.start();

        // Back on Redis: the strict instance answers again, and its request is the third in Redis ...
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .until(() -> register(strict).statusCode() != 503);
        // ... so b, which counted nothing alone during the outage, is refused by the shared count.
        assertThat(register(b).statusCode()).isEqualTo(429);
    }
}
