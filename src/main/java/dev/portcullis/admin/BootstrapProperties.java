package dev.portcullis.admin;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * ADM-2: the first admin of an empty installation, from the environment.
 *
 * @param adminEmail the address of the admin to create at start when no active admin exists (default unset)
 * @param adminPassword that admin's password; the password policy applies (default unset)
 */
@ConfigurationProperties("portcullis.bootstrap")
record BootstrapProperties(String adminEmail, String adminPassword) {

    boolean configured() {
        return adminEmail != null && !adminEmail.isBlank() && adminPassword != null && !adminPassword.isEmpty();
    }

    @Override
    public String toString() {
        return "BootstrapProperties[adminEmail=" + adminEmail + ", adminPassword=******]";
    }
}
