package dev.portcullis.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Clock;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Account flows plus what the access tests need: granting roles, admins signed in with MFA (MFA-6),
 * and API keys made over the API (KEY-1).
 */
public abstract class AdminFlowTest extends AccountFlowTest {

    @Autowired
    protected JdbcClient jdbc;

    protected static String newEmail(String prefix) {
        return prefix + "-" + System.nanoTime() + "@example.com";
    }

    protected String userId(String email) {
        return jdbc.sql("SELECT id FROM users WHERE email = :email").param("email", email).query(String.class).single();
    }

    protected void grant(String email, String role) {
        jdbc.sql("INSERT INTO user_role (user_id, role) VALUES (:id, :role)").param("id", userId(email))
                .param("role", role).update();
    }

    /** A new admin, signed in with password and TOTP; codes at the application's {@code clock}. */
    protected Tokens adminSignedIn(String email, Clock clock) {
        signedUp(email);
        grant(email, "admin");
        return signedInWithMfa(email, clock);
    }

    protected HttpResponse<String> createKey(String access, String name, String scopesJson) {
        return http.postJson("/api/v1/me/api-keys", "{\"name\":\"" + name + "\",\"scopes\":" + scopesJson + "}",
                "Authorization", "Bearer " + access);
    }

    /** A new key of the holder of {@code access} with the given scopes; returns the key itself. */
    protected String apiKey(String access, String... scopes) {
        StringBuilder json = new StringBuilder("[");
        for (int i = 0; i < scopes.length; i++) {
            json.append(i == 0 ? "" : ",").append('"').append(scopes[i]).append('"');
        }
        HttpResponse<String> created = createKey(access, "test key", json.append(']').toString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return field(created.body(), "key");
    }

    protected static String[] bearer(String credential) {
        return new String[] { "Authorization", "Bearer " + credential };
    }
}
