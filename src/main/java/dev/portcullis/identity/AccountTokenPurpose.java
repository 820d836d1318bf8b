package dev.portcullis.identity;

import java.util.Locale;

/** What an {@code account_token} proves when it comes back: each flow accepts only its own. */
enum AccountTokenPurpose {
    /** ACC-2: the owner of the address signed up. */
    VERIFY_EMAIL,
    /** RST-1: the owner of the address may set a new password. */
    PASSWORD_RESET,
    /** ACC-6: the owner of the new address confirms the change. */
    EMAIL_CHANGE;

    String column() {
        return name().toLowerCase(Locale.ROOT);
    }
}
