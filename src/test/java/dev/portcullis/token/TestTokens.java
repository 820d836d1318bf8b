package dev.portcullis.token;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

import javax.sql.DataSource;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.portcullis.config.MasterSecret;
import dev.portcullis.config.TestPortcullisConfig;
import dev.portcullis.shared.SecretTokens;

/** Builds the token module by hand over a test database, as the application wires it (tests and bench/). */
public final class TestTokens {

    public static final String ISSUER = "https://auth.example.com";
    static final MasterSecret MASTER_SECRET = TestPortcullisConfig.masterSecret(TestPortcullisConfig.MASTER_SECRET);
    private static final SecureRandom RANDOM = new SecureRandom();

    private TestTokens() {
    }

    /** Binds {@link TokenProperties} as the application does: real defaults, only the named overrides. */
    public static TokenProperties properties(Map<String, String> overrides) {
        Map<String, String> source = new HashMap<>();
        overrides.forEach((key, value) -> source.put("portcullis.tokens." + key, value));
        return new Binder(new MapConfigurationPropertySource(source))
                .bindOrCreate("portcullis.tokens", TokenProperties.class);
    }

    public static TokenProperties defaults() {
        return properties(Map.of());
    }

    /** One "instance": its own cache over a shared database. */
    static SigningKeys signingKeys(DataSource dataSource, MasterSecret secret, TokenProperties properties, Clock clock) {
        return new SigningKeys(new SigningKeyRepository(JdbcClient.create(dataSource)),
                new dev.portcullis.shared.AeadCipher(secret.deriveKey(SigningKeys.CIPHER_PURPOSE, "AES"), RANDOM),
                new SecretTokens(RANDOM), RANDOM,
                new TransactionTemplate(new DataSourceTransactionManager(dataSource)), properties, clock);
    }

    public static SigningKeys signingKeys(DataSource dataSource, TokenProperties properties, Clock clock) {
        return signingKeys(dataSource, MASTER_SECRET, properties, clock);
    }

    public static AccessTokens accessTokens(SigningKeys keys, TokenProperties properties, Clock clock) {
        return new AccessTokens(keys, new SecretTokens(RANDOM), properties, TestPortcullisConfig.publicUrls(ISSUER),
                clock);
    }
}
