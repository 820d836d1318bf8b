package dev.portcullis.config;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;

import org.springframework.core.env.MapPropertySource;
import org.springframework.mock.env.MockEnvironment;

/** For tests of other modules that build their classes by hand: the config module's values they need. */
public final class TestPortcullisConfig {

    /** The master secret application-test.properties configures. */
    public static final String MASTER_SECRET = "q7Vd0u3Xc2mT1rY8pLk5sN9wE4hJ6bZaQfGxRvCtUoI=";

    private TestPortcullisConfig() {
    }

    /** A master secret from base64 of at least 32 random bytes. */
    public static MasterSecret masterSecret(String base64) {
        MockEnvironment env = new MockEnvironment();
        env.getPropertySources().addFirst(new MapPropertySource("test-master-secret",
                Map.of("portcullis.master-secret", base64)));
        return new MasterSecret(env);
    }

    /** Public URLs of a Portcullis whose issuer is {@code issuer}. */
    public static PublicUrls publicUrls(String issuer) {
        return new PublicUrls(new PortcullisProperties(Mode.DEV, URI.create(issuer), Path.of("target/test-data"),
                null, null));
    }
}
