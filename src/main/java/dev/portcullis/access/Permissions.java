package dev.portcullis.access;

import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;

/**
 * ADM-1: the role catalogue ({@code role}, {@code role_permission}) and what each role may do. Read
 * on every request that needs a permission, so the whole catalogue — a handful of rows — is cached
 * and reloaded every few seconds; a new role or permission therefore takes effect within that time
 * on every instance.
 */
@Component
public class Permissions {

    /** The permission of the caller's own account (see {@code RouteAccess.ACCOUNT}). */
    public static final String ACCOUNT = "account";
    private static final Duration RELOAD = Duration.ofSeconds(5);

    private final JdbcClient jdbc;
    private final LoadingCache<Boolean, Map<String, Set<String>>> catalogue;

    Permissions(JdbcClient jdbc) {
        this.jdbc = jdbc;
        this.catalogue = Caffeine.newBuilder().maximumSize(1).expireAfterWrite(RELOAD).build(k -> load());
    }

    /** The permissions the roles grant together; unknown roles grant nothing. */
    public Set<String> of(Collection<String> roles) {
        Map<String, Set<String>> byRole = catalogue.get(Boolean.TRUE);
        Set<String> granted = new HashSet<>();
        for (String role : roles) {
            granted.addAll(byRole.getOrDefault(role, Set.of()));
        }
        return granted;
    }

    /** Whether any of the roles grants the permission. */
    public boolean grants(Collection<String> roles, String permission) {
        Map<String, Set<String>> byRole = catalogue.get(Boolean.TRUE);
        for (String role : roles) {
            if (byRole.getOrDefault(role, Set.of()).contains(permission)) {
                return true;
            }
        }
        return false;
    }

    /** Every role there is, by name. */
    public Set<String> roles() {
        return new TreeSet<>(catalogue.get(Boolean.TRUE).keySet());
    }

    /** Every permission some role grants: the only valid API key scopes (KEY-2). */
    public Set<String> all() {
        return catalogue.get(Boolean.TRUE).values().stream().flatMap(Set::stream)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** Whether {@code permission} is granted by the default {@code user} role alone. */
    public boolean everyoneHas(String permission) {
        return catalogue.get(Boolean.TRUE).getOrDefault("user", Set.of()).contains(permission);
    }

    /**
     * ADM-3: takes the row lock of a role until the caller's transaction ends. Every change that could
     * take the role from its last active holder takes it first, so such changes run one after another
     * and each counts the holders the previous one left (safe under concurrent requests).
     *
     * @throws IllegalStateException outside a transaction, or for a role that is not catalogued
     */
    public void lockRole(String role) {
        if (!org.springframework.transaction.support.TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("a role lock only means something inside a transaction");
        }
        jdbc.sql("SELECT name FROM role WHERE name = :role FOR UPDATE").param("role", role).query(String.class)
                .optional().orElseThrow(() -> new IllegalStateException("no such role: " + role));
    }

    private Map<String, Set<String>> load() {
        Map<String, Set<String>> byRole = new java.util.HashMap<>();
        jdbc.sql("SELECT name FROM role").query(String.class).list()
                .forEach(role -> byRole.put(role, new LinkedHashSet<>()));
        List<Map.Entry<String, String>> grants = jdbc.sql("SELECT role, permission FROM role_permission")
                .query((rs, n) -> Map.entry(rs.getString("role"), rs.getString("permission"))).list();
        grants.forEach(g -> byRole.computeIfAbsent(g.getKey(), r -> new LinkedHashSet<>()).add(g.getValue()));
        return byRole.entrySet().stream().collect(Collectors.toUnmodifiableMap(Map.Entry::getKey,
                e -> Set.copyOf(e.getValue())));
    }
}
