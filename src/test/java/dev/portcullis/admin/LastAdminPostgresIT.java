package dev.portcullis.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BiFunction;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.portcullis.PortcullisApplication;
import dev.portcullis.apikey.ApiKeys;
import dev.portcullis.identity.AdminUser;
import dev.portcullis.identity.UserAdministration;
import dev.portcullis.shared.RequestOrigin;
import dev.portcullis.testing.Http;
import dev.portcullis.testing.TestDatabases;
import dev.portcullis.testing.TestDatabases.TestDatabase;

/**
 * ADM-3 on PostgreSQL under concurrency: two admins, each with a {@code users:write} key, try at the
 * same instant to remove each other (block, demote, delete, or a mix). Exactly one request may win,
 * and exactly one active admin must remain, round after round. Without the admin role's row lock
 * both would read "one other admin left" and both would succeed.
 */
class LastAdminPostgresIT {

    private static final int ROUNDS = 6;
    private static final String PASSWORD = "correct horse battery staple 42";

    private static TestDatabase db;
    private static ConfigurableApplicationContext app;
    private static Http http;
    private static ExecutorService pool;

    @BeforeAll
    static void start() {
        db = TestDatabases.emptyPostgres();
        List<String> args = new ArrayList<>();
        for (String property : db.springProperties()) {
            args.add("--" + property);
        }
        args.add("--server.port=0");
        app = new SpringApplicationBuilder(PortcullisApplication.class).profiles("test").run(args.toArray(String[]::new));
        http = new Http(((WebServerApplicationContext) app).getWebServer().getPort());
        pool = Executors.newFixedThreadPool(2);
    }

    @AfterAll
    static void stop() {
        if (pool != null) {
            pool.shutdownNow();
        }
        if (app != null) {
            app.close();
        }
    }

    private record Admin(String id, String key) {
    }

    private static Admin newAdmin(String name) {
        UserAdministration admin = app.getBean(UserAdministration.class);
        AdminUser created = admin.createAdmin(name + "-" + System.nanoTime() + "@example.com", PASSWORD.toCharArray(),
                "test", RequestOrigin.system());
        String key = app.getBean(ApiKeys.class).create(created.id(), "ops", List.of("users:write"), 1, true,
                RequestOrigin.system()).value();
        return new Admin(created.id(), key);
    }

    private static int activeAdmins() {
        return JdbcClient.create(db.dataSource()).sql("SELECT COUNT(*) FROM users u JOIN user_role r ON r.user_id = u.id "
                + "WHERE r.role = 'admin' AND u.status = 'active'").query(Integer.class).single();
    }

    /** Removes every active admin but none, so each round starts from exactly the two it creates. */
    private static void retireAllAdmins() {
        JdbcClient.create(db.dataSource()).sql("UPDATE users SET status = 'deactivated' WHERE id IN "
                + "(SELECT user_id FROM user_role WHERE role = 'admin')").update();
    }

    private static HttpResponse<String> block(Admin actor, Admin target) {
        return http.postJson("/api/v1/admin/users/" + target.id() + "/block", "", "X-API-Key", actor.key());
    }

    private static HttpResponse<String> demote(Admin actor, Admin target) {
        return http.json("PUT", "/api/v1/admin/users/" + target.id() + "/roles", "{\"roles\":[\"user\"]}",
                "X-API-Key", actor.key());
    }

    private static HttpResponse<String> delete(Admin actor, Admin target) {
        return http.json("DELETE", "/api/v1/admin/users/" + target.id(), null, "X-API-Key", actor.key());
    }

    private static void race(BiFunction<Admin, Admin, HttpResponse<String>> first,
            BiFunction<Admin, Admin, HttpResponse<String>> second) throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            retireAllAdmins();
            Admin a = newAdmin("race-a");
            Admin b = newAdmin("race-b");
            assertThat(activeAdmins()).isEqualTo(2);
            CyclicBarrier start = new CyclicBarrier(2);
            CompletableFuture<HttpResponse<String>> ab = CompletableFuture.supplyAsync(() -> {
                await(start);
                return first.apply(a, b);
            }, pool);
            CompletableFuture<HttpResponse<String>> ba = CompletableFuture.supplyAsync(() -> {
                await(start);
                return second.apply(b, a);
            }, pool);
            List<Integer> statuses = List.of(ab.get().statusCode(), ba.get().statusCode());
            long wins = statuses.stream().filter(s -> s >= 200 && s < 300).count();
            assertThat(wins).as("round " + round + ": " + statuses + " " + ab.get().body() + " " + ba.get().body())
                    .isEqualTo(1);
            assertThat(statuses).as("the loser is refused, never a 500").allMatch(s -> s < 500);
            assertThat(activeAdmins()).as("round " + round).isEqualTo(1);
        }
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void concurrentBlocksOfTheLastTwoAdminsCannotBothSucceed_ADM3() throws Exception {
        race(LastAdminPostgresIT::block, LastAdminPostgresIT::block);
    }

    @Test
    void concurrentDemotionsOfTheLastTwoAdminsCannotBothSucceed_ADM3() throws Exception {
        race(LastAdminPostgresIT::demote, LastAdminPostgresIT::demote);
    }

    @Test
    void concurrentDeleteAndBlockOfTheLastTwoAdminsCannotBothSucceed_ADM3() throws Exception {
        race(LastAdminPostgresIT::delete, LastAdminPostgresIT::block);
    }

    @Test
    void theLastActiveAdminCannotBeRemoved_ADM3() {
        retireAllAdmins();
        Admin last = newAdmin("last");
        Admin helper = newAdmin("helper");
        assertThat(block(helper, last).statusCode()).isEqualTo(204);
        // helper is now the last active admin; last is blocked and its key refused
        Admin other = newAdmin("other");
        assertThat(delete(other, helper).statusCode()).isEqualTo(204);
        retireAllAdmins();
        Admin only = newAdmin("only");
        UserAdministration admin = app.getBean(UserAdministration.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> admin.revokeRole("cli:test", only.id(), "admin",
                RequestOrigin.system())).hasMessageContaining("last active admin");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> admin.block("cli:test", only.id(),
                RequestOrigin.system())).hasMessageContaining("last active admin");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> admin.delete("cli:test", only.id(),
                RequestOrigin.system())).hasMessageContaining("last active admin");
        assertThat(activeAdmins()).isEqualTo(1);
    }
}
