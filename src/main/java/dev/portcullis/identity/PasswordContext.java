package dev.portcullis.identity;

/**
 * What the policy knows about the account a password is for (NIST SP 800-63B-4 §3.1.1.2:
 * context-specific words such as the user name are refused). Both parts may be null.
 */
public record PasswordContext(String email, String displayName) {

    public static final PasswordContext NONE = new PasswordContext(null, null);

    /** The part of the email before the last {@code @}, or null. */
    String emailLocalPart() {
        if (email == null) {
            return null;
        }
        int at = email.lastIndexOf('@');
        return at < 0 ? email : email.substring(0, at);
    }
}
