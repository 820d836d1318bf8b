package dev.portcullis.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.portcullis.PortcullisApplication;
import dev.portcullis.testing.TestDatabases;
import dev.portcullis.testing.TestDatabases.TestDatabase;

/**
 * ADM-2: the admin CLI against an embedded database it migrates itself, through the same services
 * as the API: create-admin (password policy applies), list-users, grant-role / revoke-role with the
 * last-admin rule (ADM-3), block, unlock, rotate-signing-key; exit codes 0 / 1 / 2; audit actor cli:*.
 */
class AdminCliIT {

    private static final String PASSWORD = "correct horse battery staple 42";

    private final TestDatabase db = TestDatabases.emptyH2();

    record Run(int exit, String out, String err) {
    }

    private Run cli(String stdin, String... args) {
        Map<String, Object> properties = new LinkedHashMap<>();
        for (String property : db.springProperties()) {
            int eq = property.indexOf('=');
            properties.put(property.substring(0, eq), property.substring(eq + 1));
        }
        properties.put("spring.profiles.active", "test");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = AdminCommandLine.run(args, properties,
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), new PrintWriter(out, true),
                new PrintWriter(err, true), PortcullisApplication.class);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void anOperatorAdministersAccountsFromTheCommandLine_ADM2_ADM3() {
        Run usage = cli("", "no-such-command");
        assertThat(usage.exit()).isEqualTo(2);
        assertThat(usage.err()).contains("create-admin", "list-users");

        Run weak = cli("short\n", "create-admin", "--email", "ops@example.com", "--password-stdin");
        assertThat(weak.exit()).as(weak.err()).isEqualTo(1);
        assertThat(weak.err()).contains("Refused", "password").doesNotContain("short\n");

        Run created = cli(PASSWORD + "\n", "create-admin", "--email", "ops@example.com", "--password-stdin");
        assertThat(created.exit()).as(created.err()).isEqualTo(0);
        assertThat(created.out()).contains("Created admin ops@example.com");

        Run listed = cli("", "list-users", "--query", "ops@");
        assertThat(listed.exit()).as(listed.err()).isEqualTo(0);
        assertThat(listed.out()).contains("ops@example.com", "active", "admin,user", "1 of 1");

        Run lastAdmin = cli("", "revoke-role", "ops@example.com", "admin");
        assertThat(lastAdmin.exit()).isEqualTo(1);
        assertThat(lastAdmin.err()).contains("last active admin");

        Run rotated = cli("", "rotate-signing-key");
        assertThat(rotated.exit()).as(rotated.err()).isEqualTo(0);
        assertThat(rotated.out()).contains("Now signing with key");

        Run unknownUser = cli("", "block", "nobody@example.com");
        assertThat(unknownUser.exit()).isEqualTo(1);
        assertThat(unknownUser.err()).contains("No account");

        JdbcClient jdbc = JdbcClient.create(db.dataSource());
        assertThat(jdbc.sql("SELECT COUNT(*) FROM users u JOIN user_role r ON r.user_id = u.id WHERE r.role = 'admin' "
                + "AND u.email_verified_at IS NOT NULL").query(Integer.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("SELECT actor_id FROM audit_event WHERE type = 'admin.created'").query(String.class).single())
                .startsWith("cli:");
        assertThat(jdbc.sql("SELECT password_hash FROM users").query(String.class).single()).contains("$argon2id$")
                .doesNotContain(PASSWORD);
    }
}
