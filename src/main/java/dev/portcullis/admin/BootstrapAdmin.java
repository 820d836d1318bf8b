package dev.portcullis.admin;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

import dev.portcullis.identity.AdminUser;
import dev.portcullis.identity.UserAdministration;
import dev.portcullis.shared.ProblemException;
import dev.portcullis.shared.RequestOrigin;

/**
 * {@code PORTCULLIS_BOOTSTRAP_ADMIN_EMAIL} / {@code _PASSWORD}: creates the first admin when no active
 * admin exists, so a fresh installation can be administered without the CLI. It never touches an
 * existing account: if the address is taken, an attacker may have signed up with it first, so it only
 * says so and leaves the decision to an operator with the CLI ({@code admin grant-role}).
 */
@Component
class BootstrapAdmin implements ApplicationRunner {

    static final String ACTOR = "bootstrap";
    private static final Logger log = LoggerFactory.getLogger(BootstrapAdmin.class);

    private final BootstrapProperties properties;
    private final UserAdministration admin;

    BootstrapAdmin(BootstrapProperties properties, UserAdministration admin) {
        this.properties = properties;
        this.admin = admin;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!properties.configured() || admin.anyActiveAdmin()) {
            return;
        }
        if (admin.findByEmail(properties.adminEmail()).isPresent()) {
            log.warn("No active admin, and the bootstrap admin address is already an account: not made admin "
                    + "automatically; use 'portcullis admin grant-role' after checking who owns it");
            return;
        }
        try {
            AdminUser created = admin.createAdmin(properties.adminEmail(), properties.adminPassword().toCharArray(),
                    ACTOR, RequestOrigin.system());
            log.info("Created the bootstrap admin {} (user id {}); it enrols MFA at its first sign-in. Remove "
                    + "PORTCULLIS_BOOTSTRAP_ADMIN_PASSWORD from the environment now.", created.email(), created.id());
        } catch (ProblemException refused) {
            throw new IllegalStateException("PORTCULLIS_BOOTSTRAP_ADMIN_EMAIL/_PASSWORD refused: " + refused.getMessage()
                    + " " + refused.violations(), refused);
        }
    }
}
