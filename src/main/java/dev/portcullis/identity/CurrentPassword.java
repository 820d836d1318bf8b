package dev.portcullis.identity;

import java.util.List;

import dev.portcullis.audit.AuditEvent;
import dev.portcullis.audit.AuditLog;
import dev.portcullis.shared.FieldViolation;
import dev.portcullis.shared.ProblemException;
import dev.portcullis.shared.RequestOrigin;

/**
 * ACC-6, ACC-7: sensitive changes re-check the current password. A wrong one is a 400 on the field
 * {@code current_password}, not a 401: the caller IS authenticated, and a 401 would make clients
 * drop a valid session. Failures are audited so repeated guessing shows in the activity log. Public
 * for the other modules' sensitive changes (MFA: disabling the second factor).
 */
public final class CurrentPassword {

    private CurrentPassword() {
    }

    public static void require(PasswordHasher hasher, UserAccount user, String password, AuditLog audit, RequestOrigin origin) {
        if (password == null || password.isEmpty()) {
            throw ProblemException.validation(List.of(new FieldViolation("current_password", "required", "is required")));
        }
        if (!hasher.verify(password, user.passwordHash()).matches()) {
            audit.record(AuditEvent.of("password.confirmation_failed", user.id(), origin));
            throw ProblemException.validation(List.of(new FieldViolation("current_password", "incorrect",
                    "is not your current password")));
        }
    }
}
