package dev.portcullis.config;

import java.net.URI;
import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.NotNull;

/**
 * Core settings. The master secret is checked by {@link StartupSafetyCheck} (which never prints
 * it), not by Bean Validation (whose failure report would).
 *
 * @param mode dev (embedded defaults, the default) or prod (refuses unsafe configuration).
 * @param issuer public base URL of this Portcullis (token issuer, links in emails). Dev default:
 *        http://127.0.0.1:${server.port}. Must be https in prod.
 * @param dataDir folder for the dev database and generated dev secrets.
 * @param masterSecret base64 of at least 32 random bytes; keys for encryption at rest and peppers
 *        are derived from it. Generated into the data folder in dev mode.
 * @param masterSecretFile file holding the master secret (Docker / Kubernetes secrets), used when
 *        master-secret is empty.
 */
@Validated
@ConfigurationProperties("portcullis")
public record PortcullisProperties(
        @DefaultValue("dev") @NotNull Mode mode,
        URI issuer,
        @DefaultValue("./data") @NotNull Path dataDir,
        String masterSecret,
        Path masterSecretFile) {

    @Override
    public String toString() {
        return "PortcullisProperties[mode=" + mode + ", issuer=" + issuer + ", dataDir=" + dataDir
                + ", masterSecret=" + (masterSecret == null ? "unset" : "******") + ", masterSecretFile="
                + masterSecretFile + "]";
    }
}
