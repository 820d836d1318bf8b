package dev.portcullis;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Spring Security's default in-memory user is excluded: Portcullis has its own accounts, and the
 * default would print a generated password to the log at every start.
 */
@SpringBootApplication(exclude = UserDetailsServiceAutoConfiguration.class)
@ConfigurationPropertiesScan
public class PortcullisApplication {

    public static void main(String[] args) {
        SpringApplication.run(PortcullisApplication.class, args);
    }
}
