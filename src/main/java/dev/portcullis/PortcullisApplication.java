package dev.portcullis;

import java.util.Arrays;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

import dev.portcullis.admin.AdminCommandLine;

/**
 * Spring Security's default in-memory user is excluded: Portcullis has its own accounts, and the
 * default would print a generated password to the log at every start.
 */
@SpringBootApplication(exclude = UserDetailsServiceAutoConfiguration.class)
@ConfigurationPropertiesScan
public class PortcullisApplication {

    public static void main(String[] args) {
        if (args.length > 0 && "admin".equals(args[0])) {
            // ADM-2: java -jar portcullis.jar admin <command>: one command, no web server, then exit.
            System.exit(AdminCommandLine.run(Arrays.copyOfRange(args, 1, args.length), PortcullisApplication.class));
        }
        SpringApplication.run(PortcullisApplication.class, args);
    }
}
