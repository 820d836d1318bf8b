package dev.portcullis.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.portcullis.testing.HttpTest;
import probe.ProbeEndpoints;
import dev.portcullis.testing.IntegrationTest;

@IntegrationTest
@Import(ProbeEndpoints.class)
class ProblemResponsesIT extends HttpTest {

    @Autowired
    JsonMapper json;
    @Test
    @DisplayName("ERR-1: an unknown route is a 404 problem with code and the request id of the response")
    void unknownRouteIsNotFoundProblem() {
        HttpResponse<String> response = http.get("/api/v1/nothing?token=abc");

        JsonNode problem = problem(response, 404, "not_found");
        assertThat(problem.get("request_id").asString()).isEqualTo(response.headers().firstValue("X-Request-Id").orElseThrow());
        assertThat(problem.get("instance").asString()).isEqualTo("/api/v1/nothing");
        assertThat(problem.get("type").asString()).isEqualTo("https://portcullis.dev/problems/not_found");
        assertThat(problem.get("title").asString()).isEqualTo("Not found");
    }

    @Test
    @DisplayName("AUD-2: a sane X-Request-Id is echoed; anything else is replaced")
    void requestIdEchoedOnlyWhenSane() {
        assertThat(http.get("/login", "X-Request-Id", "client-id-12345").headers().firstValue("X-Request-Id"))
                .hasValue("client-id-12345");
        String replaced = http.get("/login", "X-Request-Id", "<script>alert(1)</script>").headers()
                .firstValue("X-Request-Id").orElseThrow();
        assertThat(replaced).doesNotContain("<").hasSizeGreaterThanOrEqualTo(16);
        String tooLong = "a".repeat(200);
        assertThat(http.get("/login", "X-Request-Id", tooLong).headers().firstValue("X-Request-Id")).isNotEqualTo(tooLong);
    }

    @Test
    @DisplayName("ERR-2: malformed JSON to a POST is a 400 problem")
    void malformedJsonIsBadRequest() {
        problem(http.postJson("/api/v1/probe", "{\"email\": "), 400, "validation_failed");
        problem(http.postJson("/api/v1/probe", ""), 400, "validation_failed");
        problem(http.postJson("/api/v1/probe", "{\"email\":\"a@example.com\"} trailing"), 400, "validation_failed");
    }

    @Test
    @DisplayName("ERR-2: unknown fields, wrong types and operator objects are 400s naming the field")
    void wrongShapesAreFieldErrors() {
        JsonNode unknown = problem(http.postJson("/api/v1/probe", "{\"email\":\"a@example.com\",\"roles\":[\"admin\"]}"),
                400, "validation_failed");
        assertThat(unknown.get("errors").get(0).get("field").asString()).isEqualTo("roles");
        assertThat(unknown.get("errors").get(0).get("code").asString()).isEqualTo("unknown_field");

        JsonNode operator = problem(http.postJson("/api/v1/probe", "{\"email\":{\"$gt\":\"\"}}"), 400, "validation_failed");
        assertThat(operator.get("errors").get(0).get("field").asString()).isEqualTo("email");
        assertThat(operator.get("errors").get(0).get("code").asString()).isEqualTo("invalid_type");

        problem(http.postJson("/api/v1/probe", "{\"email\":123}"), 400, "validation_failed");
        problem(http.postJson("/api/v1/probe", "{\"email\":\"a@example.com\",\"count\":\"7\"}"), 400, "validation_failed");
        problem(http.postJson("/api/v1/probe", "[1,2]"), 400, "validation_failed");
    }

    @Test
    @DisplayName("ERR-2: invalid UTF-8 in a JSON body is a 400")
    void invalidUtf8IsBadRequest() {
        byte[] body = "{\"email\":\"a\u0000@example.com\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] broken = Arrays.copyOf(body, body.length);
        broken[10] = (byte) 0xC3;
        broken[11] = (byte) 0x28;
        HttpResponse<String> response = http.send(http.request("/api/v1/probe").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(broken)).build());
        problem(response, 400, "validation_failed");
    }

    @Test
    @DisplayName("ERR-1: Bean Validation failures list each field with a stable code and no echo of the value")
    void validationErrorsListFields() {
        String password = "p".repeat(200);
        HttpResponse<String> response = http.postJson("/api/v1/probe",
                "{\"email\":\"not-an-email\",\"password\":\"" + password + "\"}");
        JsonNode problem = problem(response, 400, "validation_failed");
        assertThat(problem.get("errors").toString()).contains("\"field\":\"email\"", "\"code\":\"invalid_email\"",
                "\"field\":\"password\"", "\"code\":\"invalid_length\"");
        assertThat(response.body()).doesNotContain(password);
        assertThat(http.postJson("/api/v1/probe", "{\"email\":\"a@example.com\"}").statusCode()).isEqualTo(200);
    }

    @Test
    @DisplayName("ERR-2: bodies over the limit are 413, with or without Content-Length")
    void oversizedBodiesArePayloadTooLarge() {
        String big = "{\"email\":\"" + "a".repeat(2 * 1024 * 1024) + "\"}";
        problem(http.postJson("/api/v1/probe", big), 413, "payload_too_large");

        HttpRequest chunked = http.request("/api/v1/probe").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(
                        big.getBytes(java.nio.charset.StandardCharsets.UTF_8)))).build();
        problem(http.send(chunked), 413, "payload_too_large");
    }

    @Test
    @DisplayName("ERR-1: 405 with Allow, 415 and 406 are problems too")
    void protocolErrorsAreProblems() {
        // A cookie-less API call with no body needs no CSRF token, and no credentials: nothing runs first.
        HttpResponse<String> delete = http.send(http.request("/api/v1/auth/password/policy").DELETE().build());
        problem(delete, 405, "method_not_allowed");
        assertThat(delete.headers().firstValue("Allow").orElseThrow()).contains("GET");

        // A non-JSON body is form-like, so it needs the CSRF token to reach content negotiation.
        HttpResponse<String> csrf = http.get("/api/v1/auth/csrf");
        String cookie = csrf.headers().allValues("Set-Cookie").get(0).split(";")[0];
        String token = csrf.body().replaceAll(".*\"csrf_token\":\"([^\"]+)\".*", "$1");
        problem(http.send(http.request("/api/v1/probe").header("Content-Type", "application/xml")
                .header("Cookie", cookie).header("X-CSRF-TOKEN", token)
                .POST(HttpRequest.BodyPublishers.ofString("<email/>")).build()), 415, "unsupported_media_type");

        problem(http.postJson("/api/v1/probe", "{\"email\":\"a@example.com\"}", "Accept", "application/xml"),
                406, "not_acceptable");
    }

    @Test
    @DisplayName("ERR-1: an unexpected failure is a bare 500 internal_error, without the exception's message")
    void unexpectedFailureRevealsNothing() {
        HttpResponse<String> response = http.postJson("/api/v1/probe/fail", "{\"password\":\"hunter2-secret\"}");
        JsonNode problem = problem(response, 500, "internal_error");
        assertThat(response.body()).doesNotContain("hunter2", "IllegalStateException", "database said", "at dev.");
        assertThat(problem.get("detail").asString()).isEqualTo("Something went wrong on our side.");
    }

    @Test
    @DisplayName("ERR-1: the error page itself answers problem+json")
    void errorPathIsProblem() {
        problem(http.get("/error"), 404, "not_found");
    }

    @Test
    @DisplayName("ERR-1/WEB-4: requests refused before any controller (firewall) are problems with headers")
    void firewallRejectionIsProblemWithHeaders() {
        HttpResponse<String> response = http.get("/login;jsessionid=1");
        problem(response, 400, "bad_request");
        assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(response.headers().firstValue("Content-Security-Policy").orElseThrow()).contains("frame-ancestors 'none'");
    }

    @Test
    @DisplayName("ERR-1: errors the connector raises itself (bad URL encoding) are problems too")
    void connectorErrorsAreProblems() throws Exception {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
            socket.getOutputStream().write("GET /%zz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            String raw = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertThat(raw).startsWith("HTTP/1.1 400").contains("Content-Type: application/problem+json",
                    "\"code\":\"bad_request\"", "X-Content-Type-Options: nosniff").doesNotContain("<html", "Tomcat");
        }
    }

    private JsonNode problem(HttpResponse<String> response, int status, String code) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        JsonNode body = json.readTree(response.body());
        assertThat(body.get("status").asInt()).isEqualTo(status);
        assertThat(body.get("code").asString()).isEqualTo(code);
        assertThat(body.get("request_id").asString()).isNotBlank();
        return body;
    }
}
