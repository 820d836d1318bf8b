package dev.portcullis.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.portcullis.testing.HttpTest;
import dev.portcullis.testing.IntegrationTest;

@IntegrationTest
class PasswordPolicyIT extends HttpTest {

    @Autowired
    JsonMapper json;
    @Autowired
    PasswordPolicy policy;

    @Test
    @DisplayName("PWD-2: the policy endpoint serves the lengths and every rule with the server's own messages")
    void policyEndpointServesRulesWithServerMessages() {
        HttpResponse<String> response = http.get("/api/v1/auth/password/policy");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
        JsonNode body = json.readTree(response.body());
        assertThat(body.get("min_length").asInt()).isEqualTo(15);
        assertThat(body.get("max_length").asInt()).isEqualTo(128);
        List<String> codes = new ArrayList<>();
        body.get("rules").forEach(rule -> codes.add(rule.get("code").asString()));
        assertThat(codes).containsExactly("too_short", "too_long", "common_password", "contains_personal_info",
                "repeated_characters");

        JsonNode tooShort = body.get("rules").get(0);
        assertThat(tooShort.get("parameters").get("min_length").asInt()).isEqualTo(15);
        String served = tooShort.get("message").asString();
        assertThat(served).isEqualTo("Use at least 15 characters.");
        assertThat(policy.check("short", PasswordContext.NONE).get(0).message()).isEqualTo(served);
        assertThat(body.get("rules").get(4).get("parameters").get("max_consecutive").asInt()).isEqualTo(2);
    }

    @Test
    @DisplayName("PWD-2: the shipped common-password list is loaded into the running application")
    void runningPolicyRefusesListedPasswords() {
        assertThat(policy.check("password", PasswordContext.NONE)).extracting(PasswordViolation::code)
                .contains("common_password");
        assertThat(policy.check("tulip Orbit 7 k!", PasswordContext.NONE)).isEmpty();
    }

    @Test
    @DisplayName("PWD-2: the policy route is a GET only; other methods get a problem")
    void policyRouteRefusesOtherMethods() {
        HttpResponse<String> response = http.postJson("/api/v1/auth/password/policy", "{}");

        assertThat(response.statusCode()).isBetween(400, 499);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
    }
}
