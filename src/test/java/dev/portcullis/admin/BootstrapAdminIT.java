package dev.portcullis.admin;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

import dev.portcullis.identity.AdminUser;
import dev.portcullis.identity.UserAdministration;
import dev.portcullis.testing.IntegrationTest;

/**
 * ADM-2: PORTCULLIS_BOOTSTRAP_ADMIN_EMAIL / _PASSWORD make the first admin of an empty installation
 * (verified, admin role, audited as "bootstrap"), once; a later start with an admin changes nothing.
 */
@IntegrationTest
@TestPropertySource(properties = { "portcullis.bootstrap.admin-email=first-admin@example.com",
        "portcullis.bootstrap.admin-password=correct horse battery staple 42" })
class BootstrapAdminIT {

    @Autowired
    UserAdministration admin;

    @Autowired
    BootstrapAdmin bootstrap;

    @Autowired
    JdbcClient jdbc;

    @Test
    void theFirstStartCreatesTheConfiguredAdminOnce_ADM2() {
        AdminUser created = admin.findByEmail("first-admin@example.com").orElseThrow();
        assertThat(created.roles()).containsExactly("admin", "user");
        assertThat(created.emailVerified()).isTrue();
        assertThat(created.status()).isEqualTo("active");
        assertThat(jdbc.sql("SELECT actor_id FROM audit_event WHERE type = 'admin.created' AND user_id = :id")
                .param("id", created.id()).query(String.class).single()).isEqualTo("bootstrap");

        ApplicationArguments none = new DefaultApplicationArguments();
        bootstrap.run(none);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM users WHERE email_key = 'first-admin@example.com'")
                .query(Integer.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE type = 'admin.created'").query(Integer.class)
                .single()).as("no second admin made while one is active").isEqualTo(1);
    }
}
