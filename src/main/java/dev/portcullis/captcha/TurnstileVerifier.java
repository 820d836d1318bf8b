package dev.portcullis.captcha;

import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.springframework.stereotype.Component;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One call to Turnstile's siteverify endpoint: a form POST with the secret, the token, the client's
 * IP and an idempotency key, answered by {@code {"success":bool,"error-codes":[…]}}. It only
 * classifies the answer; what a request gets for it is {@link Captcha}'s decision. The token and
 * the secret go in the body only, never in the URL, and never into a {@link Verdict}.
 */
@Component
final class TurnstileVerifier {

    /**
     * Codes that blame our configuration or Cloudflare, not the visitor: answering them with "solve
     * the CAPTCHA again" would lock every user out while the operator sees nothing.
     */
    private static final List<String> NOT_THE_VISITORS_FAULT = List.of("missing-input-secret", "invalid-input-secret",
            "internal-error");
    private static final int MAX_LOGGED_CODES = 5;
    private static final int MAX_CODE_LENGTH = 64;

    enum Outcome {
        PASSED, FAILED, UNAVAILABLE
    }

    /** What the verifier said; {@code reason} is safe to log (error codes or the kind of fault). */
    record Verdict(Outcome outcome, String reason) {
    }

    private final CaptchaProperties properties;
    private final JsonMapper json;
    private final SecureRandom random;
    private final HttpClient client;

    TurnstileVerifier(CaptchaProperties properties, JsonMapper json, SecureRandom random) {
        this.properties = properties;
        this.json = json;
        this.random = random;
        this.client = HttpClient.newBuilder().connectTimeout(properties.timeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    Verdict verify(String token, String remoteIp) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("secret", properties.secretKey());
        form.put("response", token);
        if (remoteIp != null && !remoteIp.isBlank()) {
            form.put("remoteip", remoteIp);
        }
        form.put("idempotency_key", idempotencyKey().toString());
        HttpRequest request = HttpRequest.newBuilder(properties.verifyUrl()).timeout(properties.timeout())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(encode(form))).build();
        HttpResponse<String> response;
        try {
            response = send(request);
        } catch (TimeoutException e) {
            return unavailable("no answer within " + properties.timeout().toMillis() + " ms");
        } catch (IOException e) {
            return unavailable("unreachable (" + e.getClass().getSimpleName() + ")");
        }
        if (response.statusCode() / 100 != 2) {
            return unavailable("HTTP " + response.statusCode());
        }
        return parse(response.body());
    }

    /**
     * The request timeout bounds the wait for the response headers only; the overall deadline also
     * covers a verifier that sends headers and then stalls in the body.
     */
    private HttpResponse<String> send(HttpRequest request) throws IOException, TimeoutException {
        CompletableFuture<HttpResponse<String>> call = client.sendAsync(request, HttpResponse.BodyHandlers.ofString());
        try {
            return call.get(properties.timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            call.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof java.net.http.HttpTimeoutException) {
                throw new TimeoutException();
            }
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        } catch (InterruptedException e) {
            call.cancel(true);
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for the CAPTCHA verifier", e);
        }
    }

    private Verdict parse(String body) {
        JsonNode answer;
        try {
            answer = json.readTree(body);
        } catch (JacksonException e) {
            return unavailable("unparseable answer");
        }
        JsonNode success = answer == null ? null : answer.get("success");
        if (success == null || !success.isBoolean()) {
            return unavailable("answer without a boolean success");
        }
        List<String> codes = new ArrayList<>();
        JsonNode errorCodes = answer.get("error-codes");
        if (errorCodes != null && errorCodes.isArray()) {
            // Bounded: the codes end up in a log line, whatever the verifier sends.
            errorCodes.forEach(code -> {
                if (codes.size() < MAX_LOGGED_CODES) {
                    String text = code.asString();
                    codes.add(text.length() > MAX_CODE_LENGTH ? text.substring(0, MAX_CODE_LENGTH) : text);
                }
            });
        }
        if (success.booleanValue()) {
            return new Verdict(Outcome.PASSED, "success");
        }
        if (codes.stream().anyMatch(NOT_THE_VISITORS_FAULT::contains)) {
            return unavailable("verifier refused the request: " + codes);
        }
        return new Verdict(Outcome.FAILED, codes.isEmpty() ? "success false" : codes.toString());
    }

    /** Turnstile dedupes retries by this key; a version 4 UUID from the one SecureRandom (STYLE 9). */
    private UUID idempotencyKey() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        bytes[6] = (byte) ((bytes[6] & 0x0f) | 0x40);
        bytes[8] = (byte) ((bytes[8] & 0x3f) | 0x80);
        long high = 0;
        long low = 0;
        for (int i = 0; i < 8; i++) {
            high = (high << 8) | (bytes[i] & 0xff);
            low = (low << 8) | (bytes[i + 8] & 0xff);
        }
        return new UUID(high, low);
    }

    private static String encode(Map<String, String> form) {
        StringBuilder body = new StringBuilder();
        form.forEach((name, value) -> {
            if (body.length() > 0) {
                body.append('&');
            }
            body.append(name).append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8));
        });
        return body.toString();
    }

    private static Verdict unavailable(String reason) {
        return new Verdict(Outcome.UNAVAILABLE, reason);
    }
}
