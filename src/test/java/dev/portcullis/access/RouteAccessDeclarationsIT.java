package dev.portcullis.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import dev.portcullis.shared.RouteAccess;
import dev.portcullis.testing.IntegrationTest;

/**
 * ADM-1 / KEY-2: walks every route the running application registered and fails when one declares
 * no access rule (the runtime check would refuse it, but a forgotten declaration should fail the
 * build, not a user). Admin routes must need an admin permission, never just an account.
 */
@IntegrationTest
class RouteAccessDeclarationsIT {

    /** Routes of libraries, open by design: the OpenAPI document (API.md). */
    private static final String OPENAPI_PACKAGE = "org.springdoc.";

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mapping;

    @Autowired
    Permissions permissions;

    @Test
    void everyRegisteredRouteDeclaresWhatItNeeds_ADM1() {
        Map<RequestMappingInfo, HandlerMethod> routes = mapping.getHandlerMethods();
        List<String> undeclared = new ArrayList<>();
        List<String> foreign = new ArrayList<>();
        for (Map.Entry<RequestMappingInfo, HandlerMethod> route : routes.entrySet()) {
            HandlerMethod handler = route.getValue();
            String type = handler.getBeanType().getName();
            if (type.startsWith("dev.portcullis.")) {
                if (RouteAccessCheck.declaredAccess(handler) == null) {
                    undeclared.add(route.getKey() + " -> " + handler.getShortLogMessage());
                }
            } else if (!type.startsWith(OPENAPI_PACKAGE)) {
                foreign.add(route.getKey() + " -> " + type);
            }
        }
        assertThat(routes).as("the walk found the application's routes").hasSizeGreaterThan(30);
        assertThat(undeclared).as("routes without @RouteAccess (deny by default)").isEmpty();
        assertThat(foreign).as("library routes nobody declared").isEmpty();
    }

    @Test
    void everyDeclaredPermissionExistsAndAdminRoutesNeedMoreThanAnAccount_ADM1() {
        Set<String> known = permissions.all();
        for (Map.Entry<RequestMappingInfo, HandlerMethod> route : mapping.getHandlerMethods().entrySet()) {
            String needed = RouteAccessCheck.declaredAccess(route.getValue());
            if (needed == null) {
                continue;
            }
            if (!RouteAccess.PUBLIC.equals(needed) && !RouteAccess.ACCOUNT.equals(needed)) {
                assertThat(known).as(route.getKey() + " declares a permission no role grants").contains(needed);
            }
            boolean admin = route.getKey().getPatternValues().stream().anyMatch(p -> p.startsWith("/api/v1/admin"));
            if (admin) {
                assertThat(needed).as(route.getKey().toString()).isNotIn(RouteAccess.PUBLIC, RouteAccess.ACCOUNT);
                assertThat(permissions.everyoneHas(needed)).as(route.getKey() + " is open to every account").isFalse();
            }
            boolean me = route.getKey().getPatternValues().stream().anyMatch(p -> p.startsWith("/api/v1/me"));
            if (me) {
                assertThat(needed).as(route.getKey().toString()).isNotEqualTo(RouteAccess.PUBLIC);
            }
        }
    }
}
