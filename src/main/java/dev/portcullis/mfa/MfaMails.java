package dev.portcullis.mfa;

import java.util.HashMap;
import java.util.Map;

import org.springframework.stereotype.Component;

import dev.portcullis.config.PublicUrls;
import dev.portcullis.identity.Users;
import dev.portcullis.mail.Mailer;

/**
 * AUD-4: the owner hears of every change to their second factor, queued in the caller's
 * transaction (MAIL-1). No code or secret ever goes into a mail.
 */
@Component
class MfaMails {

    static final String SECURITY_PATH = "/account/security";
    static final String FORGOT_PATH = "/forgot";

    private final Users users;
    private final Mailer mailer;
    private final PublicUrls urls;

    MfaMails(Users users, Mailer mailer, PublicUrls urls) {
        this.users = users;
        this.mailer = mailer;
        this.urls = urls;
    }

    void enabled(String userId) {
        send("mfa-enabled", userId, Map.of("securityLink", urls.link(SECURITY_PATH)));
    }

    void disabled(String userId) {
        send("mfa-disabled", userId, Map.of("resetLink", urls.link(FORGOT_PATH)));
    }

    void recoveryCodeUsed(String userId, int remaining) {
        send("mfa-recovery-code-used", userId, Map.of("remaining", remaining, "resetLink", urls.link(FORGOT_PATH)));
    }

    void recoveryCodesRegenerated(String userId) {
        send("mfa-recovery-codes-regenerated", userId, Map.of("resetLink", urls.link(FORGOT_PATH)));
    }

    private void send(String template, String userId, Map<String, Object> values) {
        users.findById(userId).ifPresent(user -> {
            Map<String, Object> model = new HashMap<>(values);
            model.put("displayName", user.displayName());
            mailer.enqueue(user.email().value(), template, user.locale(), model);
        });
    }
}
