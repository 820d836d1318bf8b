package dev.portcullis.web;

import java.util.Optional;

import dev.portcullis.shared.AuthenticatedUser;
import dev.portcullis.shared.ProblemException;
import jakarta.servlet.http.HttpServletRequest;

/**
 * LOG-1: the one central guard. The web layer asks it about every request before any route runs;
 * the module that owns tokens and accounts implements it, so the filter chain needs to know nothing
 * about JWTs, sessions or account status.
 */
public interface RequestAuthenticator {

    /**
     * @return the caller, or empty when the request carries no credentials at all (anonymous)
     * @throws ProblemException when it carries credentials that are not acceptable: a bad or expired
     *         token, a revoked session, a blocked or unverified account. The request stops there.
     */
    Optional<AuthenticatedUser> authenticate(HttpServletRequest request);
}
