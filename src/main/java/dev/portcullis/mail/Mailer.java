package dev.portcullis.mail;

import java.net.URI;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import dev.portcullis.config.PublicUrls;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;

/**
 * The mail module's API (MAIL-1, MAIL-2). {@link #enqueue} renders the message and stores it in
 * the outbox within the caller's transaction; a background job delivers it with retries. Nothing
 * is sent in the calling thread, and a rolled-back transaction sends nothing.
 * <p>
 * Templates and their model:
 * <ul>
 * <li>{@code verify-email}: {@code displayName} (optional), {@code verificationLink} (URI), {@code validHours}
 * (optional; without it the text says 24 hours).</li>
 * <li>{@code account-exists}: {@code displayName} (optional), {@code signInLink}, {@code resetLink} (URIs).</li>
 * <li>{@code password-reset}: {@code displayName}, {@code resetLink}, {@code validMinutes}.</li>
 * <li>{@code password-changed}, {@code email-change-requested}: {@code displayName}, {@code resetLink}.</li>
 * <li>{@code email-change-confirm}: {@code displayName}, {@code confirmLink}, {@code validHours}.</li>
 * <li>{@code email-changed}: {@code displayName}.</li>
 * <li>{@code account-deleted}: {@code displayName}, {@code graceDays} (days until the data is purged).</li>
 * </ul>
 * Links must be {@link URI}s built with {@link PublicUrls#link}; a URI outside the issuer is refused,
 * so a link can never come from a request's Host header.
 */
@Component
public class Mailer {

    private static final Logger log = LoggerFactory.getLogger(Mailer.class);
    private static final int MAX_RECIPIENT = 254;

    private final MailTemplates templates;
    private final MailOutboxRepository outbox;
    private final PublicUrls urls;
    private final Clock clock;

    Mailer(MailTemplates templates, MailOutboxRepository outbox, PublicUrls urls, Clock clock) {
        this.templates = templates;
        this.outbox = outbox;
        this.urls = urls;
        this.clock = clock;
    }

    /**
     * Queues one message.
     *
     * @param recipient a bare address ({@code ada@example.com}), at most 254 characters
     * @param template a template under {@code templates/mail/}, e.g. {@code verify-email}
     * @param locale the recipient's language; unknown languages fall back to English
     * @param model the template's variables; rendered escaped
     * @throws IllegalArgumentException for a bad recipient, template name or link
     */
    public void enqueue(String recipient, String template, Locale locale, Map<String, ?> model) {
        Objects.requireNonNull(locale, "locale");
        Objects.requireNonNull(model, "model");
        String to = validRecipient(recipient);
        model.forEach(this::requireIssuerLink);
        RenderedMail mail = templates.render(template, locale, model);
        outbox.insert(clock.instant(), to, template, locale.toLanguageTag(), mail);
        log.debug("mail queued: template={}", template);
    }

    private static String validRecipient(String recipient) {
        if (recipient == null || recipient.length() > MAX_RECIPIENT) {
            throw new IllegalArgumentException("recipient is missing or too long");
        }
        try {
            InternetAddress address = new InternetAddress(recipient, true);
            // A display-name part or a group would let a caller smuggle extra recipients or text.
            if (address.getPersonal() != null || address.isGroup() || !address.getAddress().equals(recipient)) {
                throw new IllegalArgumentException("recipient must be a bare address");
            }
            return recipient;
        } catch (AddressException e) {
            throw new IllegalArgumentException("recipient is not a valid address");
        }
    }

    private void requireIssuerLink(String name, Object value) {
        if (value instanceof URI uri && !uri.toString().startsWith(urls.issuer() + "/")) {
            throw new IllegalArgumentException("link " + name + " is not under the configured issuer (MAIL-2)");
        }
    }
}
