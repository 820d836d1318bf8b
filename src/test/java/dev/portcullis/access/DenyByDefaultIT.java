package dev.portcullis.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.portcullis.testing.HttpTest;
import dev.portcullis.testing.IntegrationTest;

/**
 * ADM-1: a handler that declares nothing is refused at run time, for anonymous callers as for
 * signed-in ones: forgetting the declaration closes a route instead of opening it.
 */
@IntegrationTest
@Import(DenyByDefaultIT.Undeclared.class)
class DenyByDefaultIT extends HttpTest {

    @TestConfiguration(proxyBeanMethods = false)
    @RestController
    static class Undeclared {
        @GetMapping("/api/v1/test/undeclared")
        String secret() {
            return "should never be seen";
        }
    }

    @Test
    void aRouteWithoutDeclarationIsRefused_ADM1() {
        HttpResponse<String> response = http.get("/api/v1/test/undeclared");
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).contains("\"code\":\"forbidden\"").doesNotContain("should never be seen");
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
    }
}
