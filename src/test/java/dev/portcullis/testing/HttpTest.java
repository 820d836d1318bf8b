package dev.portcullis.testing;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Base for tests that talk to the running server: {@link #http} points at its random port. */
public abstract class HttpTest {

    @LocalServerPort
    protected int port;
    protected Http http;

    @BeforeEach
    void connect() {
        http = new Http(port);
    }
}
