package dev.portcullis.identity;

/**
 * The outcome of {@link PasswordHasher#verify}. When {@code rehashNeeded} is true the caller stores
 * {@link PasswordHasher#hash} of the password it just verified (PWD-1: transparent upgrade of
 * imported bcrypt hashes and of Argon2 hashes made with weaker parameters).
 */
public record PasswordVerification(boolean matches, boolean rehashNeeded) {

    static final PasswordVerification MISMATCH = new PasswordVerification(false, false);
    static final PasswordVerification MATCH = new PasswordVerification(true, false);
    static final PasswordVerification MATCH_REHASH = new PasswordVerification(true, true);

    public PasswordVerification {
        if (rehashNeeded && !matches) {
            throw new IllegalArgumentException("a password that does not match is never re-hashed");
        }
    }
}
