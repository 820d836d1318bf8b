package dev.portcullis.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import dev.portcullis.testing.Http;

/** OPS-6 / WEB-4: behind a TLS-terminating trusted proxy, HSTS is sent; a client cannot fake it. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "portcullis.trusted-proxies=127.0.0.1")
@ActiveProfiles("test")
class ForwardedHttpsIT {

    @LocalServerPort
    int port;

    @Test
    void hstsWhenTrustedProxyForwardedHttps_WEB4() {
        Http http = new Http(port);
        String hsts = http.get("/login", "X-Forwarded-Proto", "https").headers()
                .firstValue("Strict-Transport-Security").orElseThrow();
        assertThat(hsts).contains("max-age=31536000", "includeSubDomains", "preload");
        assertThat(http.get("/login", "Forwarded", "for=203.0.113.9;proto=https").headers()
                .firstValue("Strict-Transport-Security")).isPresent();
        assertThat(http.get("/login", "X-Forwarded-Proto", "http").headers()
                .firstValue("Strict-Transport-Security")).isEmpty();
    }
}
