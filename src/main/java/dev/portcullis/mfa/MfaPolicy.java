package dev.portcullis.mfa;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Set;

import org.springframework.stereotype.Component;

import dev.portcullis.identity.SecondFactorStatus;
import dev.portcullis.identity.UserAccount;

/**
 * MFA-6: roles that must use a second factor ({@code portcullis.mfa.required-roles}, admin by
 * default; the bootstrap admin included). Such a user without MFA signs in to a token with only the
 * {@value #ENROL_SCOPE} scope and no roles, which the request guard lets reach the enrolment routes
 * and nothing else.
 */
@Component
public class MfaPolicy implements SecondFactorStatus {

    /** The one scope of an enrolment-only access token. */
    public static final String ENROL_SCOPE = "mfa:enroll";

    /** ACC-8: the user's MFA data in the account export; no secret, code or hash. */
    record Export(boolean enabled, Instant enabledAt, int recoveryCodesRemaining,
            List<TrustedDevices.TrustedDevice> trustedDevices) {
    }

    private final FactorRepository factors;
    private final TrustedDevices trustedDevices;
    private final MfaProperties properties;

    MfaPolicy(FactorRepository factors, TrustedDevices trustedDevices, MfaProperties properties) {
        this.factors = factors;
        this.trustedDevices = trustedDevices;
        this.properties = properties;
    }

    @Override
    public boolean enabled(String userId) {
        return factors.enabled(userId);
    }

    @Override
    public Export export(String userId) {
        Instant enabledAt = factors.totp(userId).map(FactorRepository.TotpRow::confirmedAt).orElse(null);
        return new Export(enabledAt != null, enabledAt, factors.remainingRecoveryCodes(userId),
                trustedDevices.list(userId));
    }

    /** Whether any of {@code roles} requires a second factor. */
    public boolean required(Collection<String> roles) {
        return roles.stream().anyMatch(properties.requiredRoles()::contains);
    }

    /** Whether this user may only enrol MFA: their role requires it and they have none yet. */
    public boolean enrolmentOnly(UserAccount user) {
        return required(user.roles()) && !enabled(user.id());
    }

    /**
     * The routes an enrolment-only token reaches: read the own profile and MFA state, enrol and
     * confirm TOTP, sign out, and the account page that hosts the enrolment (its other sections,
     * which call other routes, show their refusal).
     */
    public static boolean allowedForEnrolment(String method, String path) {
        return switch (method + " " + path) {
            case "GET /api/v1/me", "GET /api/v1/me/mfa", "POST /api/v1/me/mfa/totp", "POST /api/v1/me/mfa/totp/confirm",
                    "POST /api/v1/auth/logout", "GET /account/security" -> true;
            default -> false;
        };
    }

    Set<String> requiredRoles() {
        return properties.requiredRoles();
    }
}
