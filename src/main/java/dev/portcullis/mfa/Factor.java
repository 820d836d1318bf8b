package dev.portcullis.mfa;

import java.util.List;

import dev.portcullis.shared.RequestOrigin;

/**
 * One kind of second factor (TOTP, recovery codes; passkeys slot in here later). Login, step-up
 * and the MFA routes only ever ask the factors through this interface, so a new kind needs a new
 * implementation and no change to them.
 */
interface Factor {

    /** The name in the challenge's {@code methods} list, e.g. {@code totp}. */
    String method();

    /** RFC 8176 methods a session established with this factor carries, after {@code pwd}. */
    List<String> amr();

    boolean enrolled(String userId);

    /** Whether {@code answer} proves the factor now; a true answer is used up (never accepted again). */
    boolean verify(String userId, String answer);

    /** Side effects of a successful use (audit, notification), in the caller's transaction. */
    default void used(String userId, RequestOrigin origin) {
    }
}
