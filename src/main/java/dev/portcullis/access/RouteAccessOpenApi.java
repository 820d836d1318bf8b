package dev.portcullis.access;

import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.stereotype.Component;
import org.springframework.web.method.HandlerMethod;

import dev.portcullis.shared.RouteAccess;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.security.SecurityRequirement;

/**
 * ADM-1 in the OpenAPI document: every operation that is not public lists the bearer and API key
 * schemes, and says which permission (API key scope) it needs — read from the same
 * {@link RouteAccess} declaration the route check enforces, so the document cannot drift from it.
 */
@Component
class RouteAccessOpenApi implements OperationCustomizer {

    @Override
    public Operation customize(Operation operation, HandlerMethod handler) {
        String needed = RouteAccessCheck.declaredAccess(handler);
        if (needed == null || RouteAccess.PUBLIC.equals(needed)) {
            return operation;
        }
        String permission = RouteAccess.ACCOUNT.equals(needed) ? Permissions.ACCOUNT : needed;
        operation.addSecurityItem(new SecurityRequirement().addList("bearer"));
        operation.addSecurityItem(new SecurityRequirement().addList("apiKey"));
        String note = "Needs the permission `" + permission + "` (an API key needs it as a scope).";
        operation.setDescription(operation.getDescription() == null ? note : operation.getDescription() + "\n\n" + note);
        return operation;
    }
}
