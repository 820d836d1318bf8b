package dev.portcullis.identity;

import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import org.springframework.stereotype.Component;

import dev.portcullis.config.PublicUrls;
import dev.portcullis.mail.Mailer;

/**
 * The account mails, queued in the caller's transaction (MAIL-1) with links built from the issuer
 * (MAIL-2). Tokens travel only inside the link; nothing here logs them.
 */
@Component
class AccountMails {

    static final String VERIFY_PATH = "/verify-email";
    static final String RESET_PATH = "/reset";
    static final String FORGOT_PATH = "/forgot";
    static final String LOGIN_PATH = "/login";
    static final String CONFIRM_EMAIL_PATH = "/account/email/confirm";

    private final Mailer mailer;
    private final PublicUrls urls;

    AccountMails(Mailer mailer, PublicUrls urls) {
        this.mailer = mailer;
        this.urls = urls;
    }

    /** ACC-1/ACC-2: the link that verifies the address. */
    void verifyEmail(String to, String displayName, Locale locale, String token, Duration validity) {
        send("verify-email", to, displayName, locale, "verificationLink", urls.link(VERIFY_PATH, "token", token),
                "validHours", hours(validity));
    }

    /** ACC-1: someone tried to sign up with an address that has an account. */
    void accountExists(String to, String displayName, Locale locale) {
        send("account-exists", to, displayName, locale, "signInLink", urls.link(LOGIN_PATH), "resetLink",
                urls.link(FORGOT_PATH));
    }

    /** RST-1: the reset link. */
    void passwordReset(String to, String displayName, Locale locale, String token, Duration validity) {
        send("password-reset", to, displayName, locale, "resetLink", urls.link(RESET_PATH, "token", token),
                "validMinutes", Math.max(1, validity.toMinutes()));
    }

    /** RST-2, ACC-7, AUD-4: the password was changed or reset. */
    void passwordChanged(String to, String displayName, Locale locale) {
        send("password-changed", to, displayName, locale, "resetLink", urls.link(FORGOT_PATH));
    }

    /** ACC-6: the link to the NEW address that confirms it. */
    void confirmEmailChange(String to, String displayName, Locale locale, String token, Duration validity) {
        send("email-change-confirm", to, displayName, locale, "confirmLink",
                urls.link(CONFIRM_EMAIL_PATH, "token", token), "validHours", hours(validity));
    }

    /** ACC-6: tells the OLD address that a change was requested, before anything changes. */
    void emailChangeRequested(String to, String displayName, Locale locale) {
        send("email-change-requested", to, displayName, locale, "resetLink", urls.link(FORGOT_PATH));
    }

    /** ACC-6, AUD-4: tells the OLD address that the change happened. */
    void emailChanged(String to, String displayName, Locale locale) {
        send("email-changed", to, displayName, locale);
    }

    /** ACC-8: the account was deleted; its data goes after the grace period. */
    void accountDeleted(String to, String displayName, Locale locale, Duration gracePeriod) {
        send("account-deleted", to, displayName, locale, "graceDays", Math.max(1, gracePeriod.toDays()));
    }

    /** {@code displayName} may be null (templates greet without a name); then name, value pairs. */
    private void send(String template, String to, String displayName, Locale locale, Object... pairs) {
        Map<String, Object> model = new HashMap<>();
        model.put("displayName", displayName);
        for (int i = 0; i < pairs.length; i += 2) {
            model.put((String) pairs[i], pairs[i + 1]);
        }
        mailer.enqueue(to, template, locale, model);
    }

    private static long hours(Duration validity) {
        return Math.max(1, validity.toHours());
    }
}
