package dev.portcullis.identity;

/**
 * A user's linked social identities as the ACC-8 export shows them, answered by the social module
 * (which depends on identity, so identity asks through this interface). Without social login
 * configured, nothing implements it and the export lists none.
 */
public interface LinkedIdentities {

    /** The {@code identities} part of the export: JSON-serialisable, never a secret or a token. */
    Object export(String userId);
}
