package dev.portcullis.identity;

/**
 * A user's second factor as the account routes show it, answered by the mfa module (which depends
 * on identity, so identity asks through this interface).
 */
public interface SecondFactorStatus {

    /** {@code mfa_enabled} of {@code GET /api/v1/me}. */
    boolean enabled(String userId);

    /**
     * The {@code mfa} part of the ACC-8 export: a JSON-serialisable record of what is stored, never a
     * secret, a code or a hash.
     */
    Object export(String userId);
}
