package dev.portcullis.shared;

/**
 * MFA-5: the one step-up rule for sensitive actions (password, email, account deletion, MFA changes,
 * and later API keys and admin actions). Implemented by the mfa module; declared here so every
 * module can demand it without depending on mfa.
 */
public interface StepUp {

    /** The request header that carries a fresh TOTP code for a step-up. */
    String HEADER = "X-MFA-Code";

    /**
     * Passes when the caller signed in recently enough, or when {@code mfaCode} is a fresh TOTP
     * code of the caller's authenticator.
     *
     * @param mfaCode the code sent with the request, or null
     * @throws ProblemException 403 {@code step_up_required} when neither holds, or the caller has no MFA;
     *         401 {@code mfa_invalid} for a wrong code; 429 past the MFA rate limit
     */
    void require(AuthenticatedUser caller, String mfaCode, RequestOrigin origin);
}
