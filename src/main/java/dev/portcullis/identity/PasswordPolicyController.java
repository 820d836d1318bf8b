package dev.portcullis.identity;

import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import dev.portcullis.shared.RouteAccess;

/** {@code GET /api/v1/auth/password/policy} (API.md): the rule set, for browsers to check as users type. */
@RouteAccess(RouteAccess.PUBLIC)
@RestController
class PasswordPolicyController {

    private final PasswordPolicy policy;

    PasswordPolicyController(PasswordPolicy policy) {
        this.policy = policy;
    }

    @GetMapping("/api/v1/auth/password/policy")
    PolicyResponse policy() {
        return new PolicyResponse(policy.minLength(), policy.maxLength(), policy.rules());
    }

    /** Rendered snake_case: {@code {"min_length":15,"max_length":128,"rules":[…]}}. */
    record PolicyResponse(int minLength, int maxLength, List<PasswordRule> rules) {
    }
}
