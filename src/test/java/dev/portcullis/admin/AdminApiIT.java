package dev.portcullis.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.List;
import java.util.function.Function;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

import dev.portcullis.testing.AdminFlowTest;
import dev.portcullis.testing.IntegrationTest;

/**
 * ADM-1..3 over real HTTP: every admin route refuses anonymous callers, plain users and keys
 * without its scope, and serves admins (MFA session) and keys with the scope; admins cannot
 * block, demote or delete themselves; blocking ends sessions at once; search escapes LIKE
 * wildcards; every action is audited with its actor; PATCH /me cannot assign roles or status.
 */
@IntegrationTest
@TestPropertySource(properties = { "portcullis.mail.poll-interval=200ms", "db-scheduler.polling-interval=200ms" })
class AdminApiIT extends AdminFlowTest {

    /** One admin route: method, path for a target user id, JSON body or null, success status. */
    record Route(String method, Function<String, String> path, String body, int success) {
        @Override
        public String toString() {
            return method + " " + path.apply("{id}");
        }
    }

    private static final List<Route> ROUTES = List.of(
            new Route("GET", id -> "/api/v1/admin/users?q=example", null, 200),
            new Route("GET", id -> "/api/v1/admin/users/" + id, null, 200),
            new Route("PUT", id -> "/api/v1/admin/users/" + id + "/roles", "{\"roles\":[\"user\"]}", 200),
            new Route("POST", id -> "/api/v1/admin/users/" + id + "/block", null, 204),
            new Route("POST", id -> "/api/v1/admin/users/" + id + "/unblock", null, 204),
            new Route("POST", id -> "/api/v1/admin/users/" + id + "/unlock", null, 204),
            new Route("DELETE", id -> "/api/v1/admin/users/" + id, null, 204),
            new Route("GET", id -> "/api/v1/admin/audit-events?user_id=" + id, null, 200));

    private static String adminAccess;
    private static String adminId;
    private static String fullKey;
    private static String accountOnlyKey;

    @BeforeEach
    void admin() {
        if (adminAccess == null) {
            String email = newEmail("admin-api");
            adminAccess = adminSignedIn(email, Clock.systemUTC()).access();
            adminId = userId(email);
            fullKey = apiKey(adminAccess, "users:read", "users:write", "audit:read");
            accountOnlyKey = apiKey(adminAccess, "account");
        }
    }

    private HttpResponse<String> call(Route route, String targetId, String... headers) {
        return http.json(route.method(), route.path().apply(targetId), route.body(), headers);
    }

    private String target() {
        String email = signedUp(newEmail("admin-target"));
        return userId(email);
    }

    @Test
    void everyAdminRouteRefusesAnonymousUsersAndKeysWithoutTheScope_ADM1_KEY2() {
        String user = signedIn(newEmail("admin-matrix-user")).access();
        String userKey = apiKey(user, "account");
        String target = target();
        for (Route route : ROUTES) {
            HttpResponse<String> anonymous = call(route, target);
            assertThat(anonymous.statusCode()).as("anonymous " + route).isEqualTo(401);
            HttpResponse<String> plainUser = call(route, target, bearer(user));
            assertThat(plainUser.statusCode()).as("user " + route).isEqualTo(403);
            assertThat(plainUser.body()).contains("\"code\":\"forbidden\"");
            HttpResponse<String> withoutScope = call(route, target, bearer(accountOnlyKey));
            assertThat(withoutScope.statusCode()).as("admin's key without the scope " + route).isEqualTo(403);
            assertThat(withoutScope.body()).contains("\"code\":\"insufficient_scope\"");
            assertThat(call(route, target, "X-API-Key", userKey).statusCode()).as("user's key " + route).isEqualTo(403);
        }
        assertThat(http.get("/api/v1/admin/users/" + target, bearer(adminAccess)).body())
                .as("nothing changed").contains("\"status\":\"active\"");
    }

    @Test
    void everyAdminRouteServesAnMfaAdminAndAKeyWithTheScope_ADM2_KEY2() {
        for (Route route : ROUTES) {
            HttpResponse<String> asAdmin = call(route, target(), bearer(adminAccess));
            assertThat(asAdmin.statusCode()).as("admin " + route + ": " + asAdmin.body()).isEqualTo(route.success());
            HttpResponse<String> asKey = call(route, target(), "X-API-Key", fullKey);
            assertThat(asKey.statusCode()).as("key " + route + ": " + asKey.body()).isEqualTo(route.success());
        }
    }

    @Test
    void anAdminCannotBlockDemoteOrDeleteThemselves_ADM3() {
        HttpResponse<String> block = http.postJson("/api/v1/admin/users/" + adminId + "/block", "", bearer(adminAccess));
        assertThat(block.statusCode()).isEqualTo(409);
        assertThat(block.body()).contains("\"code\":\"conflict\"");
        assertThat(http.json("PUT", "/api/v1/admin/users/" + adminId + "/roles", "{\"roles\":[\"user\"]}",
                bearer(adminAccess)).statusCode()).isEqualTo(409);
        assertThat(http.json("DELETE", "/api/v1/admin/users/" + adminId, null, "X-API-Key", fullKey).statusCode())
                .as("nor through their own key").isEqualTo(409);
        assertThat(http.get("/api/v1/admin/users/" + adminId, bearer(adminAccess)).body())
                .contains("\"status\":\"active\"", "\"admin\"");
    }

    @Test
    void blockingEndsTheSessionsAtOnceAndIsAuditedWithTheActor_ADM2() {
        String email = newEmail("admin-blocked");
        Tokens victim = signedIn(email);
        String id = userId(email);
        assertThat(me(victim.access()).statusCode()).isEqualTo(200);

        assertThat(http.postJson("/api/v1/admin/users/" + id + "/block", "", bearer(adminAccess)).statusCode())
                .isEqualTo(204);
        assertThat(me(victim.access()).statusCode()).as("the session ended").isEqualTo(401);
        assertThat(refresh(victim.refresh()).statusCode()).isEqualTo(401);
        assertThat(login(email, PASSWORD).statusCode()).isEqualTo(403);

        HttpResponse<String> events = http.get("/api/v1/admin/audit-events?user_id=" + id + "&type=account.blocked",
                bearer(adminAccess));
        assertThat(events.statusCode()).isEqualTo(200);
        assertThat(events.body()).contains("\"type\":\"account.blocked\"", "\"actor_id\":\"" + adminId + "\"",
                "\"total\":1");

        assertThat(http.postJson("/api/v1/admin/users/" + id + "/unblock", "", bearer(adminAccess)).statusCode())
                .isEqualTo(204);
        assertThat(login(email, PASSWORD).statusCode()).isEqualTo(200);
    }

    @Test
    void rolesAreReplacedValidatedAndATakenRoleEndsSessions_ADM1() {
        String email = newEmail("admin-roles");
        Tokens promoted = signedIn(email);
        String id = userId(email);
        HttpResponse<String> grant = http.json("PUT", "/api/v1/admin/users/" + id + "/roles", "{\"roles\":[\"admin\"]}",
                bearer(adminAccess));
        assertThat(grant.statusCode()).as(grant.body()).isEqualTo(200);
        assertThat(grant.body()).contains("\"roles\":[\"admin\",\"user\"]");
        assertThat(me(promoted.access()).statusCode()).as("adding a role keeps sessions").isEqualTo(200);

        HttpResponse<String> unknown = http.json("PUT", "/api/v1/admin/users/" + id + "/roles",
                "{\"roles\":[\"superuser\"]}", bearer(adminAccess));
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.body()).contains("\"code\":\"validation_failed\"");

        assertThat(http.json("PUT", "/api/v1/admin/users/" + id + "/roles", "{\"roles\":[]}", bearer(adminAccess))
                .body()).contains("\"roles\":[\"user\"]");
        assertThat(me(promoted.access()).statusCode()).as("taking a role ends sessions").isEqualTo(401);
        assertThat(http.get("/api/v1/admin/users/not-a-user", bearer(adminAccess)).statusCode()).isEqualTo(404);
    }

    @Test
    void searchMatchesEmailOrNameAndEscapesLikeWildcards_ADM2() {
        long n = System.nanoTime();
        signedUp("wild_card-" + n + "@example.com");
        signedUp("wildxcard-" + n + "@example.com");

        HttpResponse<String> literal = http.get("/api/v1/admin/users?q=WILD_CARD-" + n, bearer(adminAccess));
        assertThat(literal.statusCode()).isEqualTo(200);
        assertThat(literal.body()).contains("wild_card-" + n).doesNotContain("wildxcard-" + n).contains("\"total\":1");
        HttpResponse<String> percent = http.get("/api/v1/admin/users?q=%25" + n, bearer(adminAccess));
        assertThat(percent.body()).contains("\"total\":0");
        assertThat(http.get("/api/v1/admin/users?q=card-" + n, bearer(adminAccess)).body()).contains("\"total\":2");
        assertThat(http.get("/api/v1/admin/users?status=nonsense", bearer(adminAccess)).statusCode()).isEqualTo(400);
        assertThat(http.get("/api/v1/admin/users?size=1000", bearer(adminAccess)).statusCode()).isEqualTo(400);
    }

    @Test
    void patchMeCannotAssignRolesStatusOrVerification_ADM1() {
        String email = newEmail("admin-mass");
        String access = signedIn(email).access();
        for (String field : List.of("\"roles\":[\"admin\"]", "\"status\":\"active\"", "\"email_verified\":true",
                "\"id\":\"someone-else\"")) {
            HttpResponse<String> patch = http.json("PATCH", "/api/v1/me", "{\"display_name\":\"Mallory\"," + field + "}",
                    bearer(access));
            assertThat(patch.statusCode()).as(field).isEqualTo(400);
        }
        HttpResponse<String> me = me(access);
        assertThat(me.body()).contains("\"roles\":[\"user\"]").doesNotContain("Mallory");
    }

    @Test
    void theOpenApiDocumentNamesEachRoutesPermissionAndTheKeyScheme_ADM1() {
        String document = http.get("/v3/api-docs").body();
        assertThat(document).contains("/api/v1/admin/users/{id}/roles", "/api/v1/admin/audit-events",
                "/api/v1/me/api-keys", "/api/v1/auth/introspect", "\"X-API-Key\"",
                "Needs the permission `users:write`", "Needs the permission `tokens:introspect`",
                "Needs the permission `account`");
    }

    @Test
    void anAdminCanResendTheVerificationMailOfAnUnverifiedAccount_ADM2() {
        String email = newEmail("admin-unverified");
        assertThat(http.postJson("/api/v1/auth/register", "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD
                + "\"}").statusCode()).isEqualTo(202);
        String first = mailedToken(email, "verify-email");
        HttpResponse<String> resend = http.postJson("/api/v1/admin/users/" + userId(email) + "/verification-email", "",
                bearer(adminAccess));
        assertThat(resend.statusCode()).isEqualTo(202);
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30))
                .until(() -> !mailedToken(email, "verify-email").equals(first));
        assertThat(http.postJson("/api/v1/admin/users/" + target() + "/verification-email", "", bearer(adminAccess))
                .statusCode()).as("already verified").isEqualTo(409);
    }
}
