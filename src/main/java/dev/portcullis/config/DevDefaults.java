package dev.portcullis.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * OPS-1 dev mode: an H2 file database and a generated master secret under the data folder
 * (owner-only permissions), bound to 127.0.0.1. Added with the lowest precedence, so any
 * explicit setting wins.
 */
final class DevDefaults {

    static final String SOURCE_NAME = "portcullisDevDefaults";
    static final String SECRET_FILE = "master-secret";

    private DevDefaults() {
    }

    static void apply(ConfigurableEnvironment env) {
        Path dataDir = Path.of(env.getProperty("portcullis.data-dir", "./data")).toAbsolutePath().normalize();
        Map<String, Object> defaults = new LinkedHashMap<>();
        if (!env.containsProperty("spring.datasource.url")) {
            createPrivateDirectory(dataDir);
            defaults.put("spring.datasource.url", "jdbc:h2:file:" + dataDir.resolve("portcullis")
                    + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH");
            defaults.put("spring.datasource.username", "sa");
        }
        defaults.put("server.address", "127.0.0.1");
        defaults.put("portcullis.issuer", "http://127.0.0.1:" + env.getProperty("server.port", "8080"));
        if (!env.containsProperty("portcullis.master-secret") && !env.containsProperty("portcullis.master-secret-file")) {
            defaults.put("portcullis.master-secret-file", ensureSecretFile(dataDir).toString());
        }
        env.getPropertySources().addLast(new MapPropertySource(SOURCE_NAME, defaults));
    }

    /** Creates the dev master secret once: 32 bytes from SecureRandom, readable by the owner only. */
    static Path ensureSecretFile(Path dataDir) {
        createPrivateDirectory(dataDir);
        Path file = dataDir.resolve(SECRET_FILE);
        if (Files.exists(file)) {
            return file;
        }
        byte[] secret = new byte[MasterSecretValue.MIN_BYTES];
        new SecureRandom().nextBytes(secret);
        byte[] encoded = Base64.getEncoder().encodeToString(secret).getBytes(StandardCharsets.US_ASCII);
        try {
            if (supportsPosix(dataDir)) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(Set.of(
                        PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE)));
            } else {
                Files.createFile(file);
            }
            Files.write(file, encoded, StandardOpenOption.TRUNCATE_EXISTING);
        } catch (FileAlreadyExistsException raced) {
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the dev master secret to " + file, e);
        }
        return file;
    }

    private static void createPrivateDirectory(Path dir) {
        try {
            if (Files.isDirectory(dir)) {
                return;
            }
            if (supportsPosix(dir.getParent() == null ? dir : existingAncestor(dir))) {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(Set.of(
                        PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE,
                        PosixFilePermission.OWNER_EXECUTE)));
            } else {
                Files.createDirectories(dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the data folder " + dir, e);
        }
    }

    private static Path existingAncestor(Path dir) {
        Path p = dir;
        while (p != null && !Files.exists(p)) {
            p = p.getParent();
        }
        return p == null ? dir : p;
    }

    private static boolean supportsPosix(Path path) {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
