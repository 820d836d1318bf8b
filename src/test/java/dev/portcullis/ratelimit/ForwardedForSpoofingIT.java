package dev.portcullis.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

import dev.portcullis.testing.HttpTest;
import dev.portcullis.testing.IntegrationTest;

/**
 * LOG-6 with LOG-2: with no trusted proxy configured (the default), a client cannot pick its own
 * rate-limit bucket by sending X-Forwarded-For or Forwarded.
 */
@IntegrationTest
@TestPropertySource(properties = "portcullis.rate-limit.signup=ip 3/1h, ip 20/1d")
class ForwardedForSpoofingIT extends HttpTest {

    private HttpResponse<String> register(String... headers) {
        return http.postJson("/api/v1/auth/register",
                "{\"email\":\"spoof-" + System.nanoTime() + "@example.com\",\"password\":\"correct horse battery staple 42\"}",
                headers);
    }

    @Test
    void spoofedForwardingHeadersFromAnUntrustedPeerChangeNothing_LOG6() {
        for (int i = 0; i < 3; i++) {
            assertThat(register("X-Forwarded-For", "203.0.113." + i).statusCode()).isEqualTo(202);
        }

        assertThat(register("X-Forwarded-For", "203.0.113.99").statusCode()).isEqualTo(429);
        assertThat(register("Forwarded", "for=192.0.2.60").statusCode()).isEqualTo(429);
        assertThat(register("X-Forwarded-For", "192.0.2.1, 192.0.2.2").statusCode()).isEqualTo(429);
    }
}
