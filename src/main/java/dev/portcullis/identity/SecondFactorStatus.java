package dev.portcullis.identity;

/** Whether a user has a second factor on: answered by the mfa module, shown in {@code GET /api/v1/me}. */
public interface SecondFactorStatus {

    boolean enabled(String userId);
}
