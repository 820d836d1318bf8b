package dev.portcullis.auth;

import java.util.Optional;

import dev.portcullis.identity.UserAccount;

/**
 * The seam where MFA plugs into login (MFA-1): after the password was right and the account passed
 * the gate, every SecondFactor bean may demand more before a session starts. With none registered,
 * the password alone signs in.
 */
interface SecondFactor {

    /** A challenge the client must answer (the body of the 200 response), or empty to let the login through. */
    Optional<Object> challenge(UserAccount user, LoginAttempt attempt);
}
