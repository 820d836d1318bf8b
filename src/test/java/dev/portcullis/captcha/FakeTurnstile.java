package dev.portcullis.captcha;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * Turnstile's siteverify endpoint over real HTTP on a random loopback port: it records the form of
 * every request and answers as the test says (pass, refuse, fail with a status, or hang).
 */
final class FakeTurnstile implements AutoCloseable {

    static final String PATH = "/turnstile/v0/siteverify";

    /** One received siteverify request: its Content-Type and its decoded form fields. */
    record Received(String contentType, Map<String, String> form) {
    }

    private record Answer(int status, String body, Duration delay) {
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final CountDownLatch closed = new CountDownLatch(1);
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private volatile Answer answer;

    private FakeTurnstile() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext(PATH, this::handle);
        server.setExecutor(threads);
        passes();
        server.start();
    }

    static FakeTurnstile start() {
        try {
            return new FakeTurnstile();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + PATH;
    }

    void passes() {
        answer = new Answer(200, "{\"success\":true,\"error-codes\":[],\"hostname\":\"localhost\"}", Duration.ZERO);
    }

    void refuses(String errorCode) {
        answer = new Answer(200, "{\"success\":false,\"error-codes\":[\"" + errorCode + "\"]}", Duration.ZERO);
    }

    void answers(int status, String body) {
        answer = new Answer(status, body, Duration.ZERO);
    }

    /** Accepts the request and says nothing for this long (or until closed). */
    void hangs(Duration delay) {
        answer = new Answer(200, "{\"success\":true,\"error-codes\":[]}", delay);
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    Received last() {
        return received.get(received.size() - 1);
    }

    void forget() {
        received.clear();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            received.add(new Received(exchange.getRequestHeaders().getFirst("Content-Type"), decode(body)));
            Answer now = answer;
            if (!now.delay().isZero() && closed.await(now.delay().toMillis(), TimeUnit.MILLISECONDS)) {
                return;
            }
            byte[] bytes = now.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(now.status(), bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Map<String, String> decode(String form) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String pair : form.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                fields.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return fields;
    }

    @Override
    public void close() {
        closed.countDown();
        server.stop(0);
        threads.shutdownNow();
    }
}
