package dev.portcullis.identity;

import java.net.URI;
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
        Map<String, Object> model = model(displayName);
        model.put("verificationLink", urls.link(VERIFY_PATH, "token", token));
        model.put("validHours", Math.max(1, validity.toHours()));
        mailer.enqueue(to, "verify-email", locale, model);
    }

    /** ACC-1: someone tried to sign up with an address that has an account. */
    void accountExists(String to, String displayName, Locale locale) {
        Map<String, Object> model = model(displayName);
        model.put("signInLink", link(LOGIN_PATH));
        model.put("resetLink", link(FORGOT_PATH));
        mailer.enqueue(to, "account-exists", locale, model);
    }

    /** RST-1: the reset link. */
    void passwordReset(String to, String displayName, Locale locale, String token, Duration validity) {
        Map<String, Object> model = model(displayName);
        model.put("resetLink", urls.link(RESET_PATH, "token", token));
        model.put("validMinutes", Math.max(1, validity.toMinutes()));
        mailer.enqueue(to, "password-reset", locale, model);
    }

    /** RST-2, ACC-7, AUD-4: the password was changed or reset. */
    void passwordChanged(String to, String displayName, Locale locale) {
        Map<String, Object> model = model(displayName);
        model.put("resetLink", link(FORGOT_PATH));
        mailer.enqueue(to, "password-changed", locale, model);
    }

    /** ACC-6: the link to the NEW address that confirms it. */
    void confirmEmailChange(String to, String displayName, Locale locale, String token, Duration validity) {
        Map<String, Object> model = model(displayName);
        model.put("confirmLink", urls.link(CONFIRM_EMAIL_PATH, "token", token));
        model.put("validHours", Math.max(1, validity.toHours()));
        mailer.enqueue(to, "email-change-confirm", locale, model);
    }

    /** ACC-6: tells the OLD address that a change was requested, before anything changes. */
    void emailChangeRequested(String to, String displayName, Locale locale) {
        Map<String, Object> model = model(displayName);
        model.put("resetLink", link(FORGOT_PATH));
        mailer.enqueue(to, "email-change-requested", locale, model);
    }

    /** ACC-6, AUD-4: tells the OLD address that the change happened. */
    void emailChanged(String to, String displayName, Locale locale) {
        Map<String, Object> model = model(displayName);
        mailer.enqueue(to, "email-changed", locale, model);
    }

    private URI link(String path) {
        return urls.link(path);
    }

    /** displayName may be null: templates greet without a name then. */
    private static Map<String, Object> model(String displayName) {
        Map<String, Object> model = new HashMap<>();
        model.put("displayName", displayName);
        return model;
    }
}
