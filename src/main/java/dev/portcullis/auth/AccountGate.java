package dev.portcullis.auth;

import java.util.List;
import java.util.Map;

import dev.portcullis.identity.UserStatus;
import dev.portcullis.identity.UserStatusSnapshot;
import dev.portcullis.shared.ErrorCode;
import dev.portcullis.shared.ProblemException;

/**
 * LOG-1: the one rule deciding whether an account may be used, applied at login, at refresh and on
 * every authenticated request. Only an active account with a verified email passes.
 */
final class AccountGate {

    private AccountGate() {
    }

    static void requireUsable(UserStatusSnapshot account) {
        if (account.status() != UserStatus.ACTIVE) {
            throw new ProblemException(ErrorCode.ACCOUNT_DISABLED, 403, "This account is disabled.", List.of(), Map.of());
        }
        if (!account.emailVerified()) {
            throw new ProblemException(ErrorCode.EMAIL_NOT_VERIFIED, 403,
                    "Confirm your email address first: follow the link we sent you.", List.of(), Map.of());
        }
    }
}
