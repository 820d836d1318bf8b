package dev.portcullis.mail;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Date;

import org.springframework.mail.javamail.JavaMailSender;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

/**
 * SMTP through Spring's {@link JavaMailSender} (configured by {@code spring.mail.*}, with the
 * timeouts from application.properties). Each message is multipart/alternative, plain text first
 * and HTML last, so clients show the richest part they can (RFC 2046 §5.1.4).
 */
final class SmtpTransport implements MailTransport {

    static final String NAME = "smtp";

    private final JavaMailSender sender;
    private final InternetAddress from;
    private final Clock clock;

    SmtpTransport(JavaMailSender sender, String from, Clock clock) {
        this.sender = sender;
        this.clock = clock;
        try {
            this.from = new InternetAddress(from, true);
        } catch (MessagingException e) {
            throw new IllegalArgumentException("invalid sender address", e);
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void send(OutboxMessage message) throws MessagingException {
        sender.send(toMime(message));
    }

    MimeMessage toMime(OutboxMessage message) throws MessagingException {
        String utf8 = StandardCharsets.UTF_8.name();
        MimeBodyPart text = new MimeBodyPart();
        text.setText(message.bodyText(), utf8, "plain");
        MimeBodyPart html = new MimeBodyPart();
        html.setText(message.bodyHtml(), utf8, "html");
        MimeMultipart alternative = new MimeMultipart("alternative");
        alternative.addBodyPart(text);
        alternative.addBodyPart(html);

        MimeMessage mime = sender.createMimeMessage();
        mime.setFrom(from);
        mime.setRecipient(Message.RecipientType.TO, new InternetAddress(message.recipient(), true));
        mime.setSubject(message.subject(), utf8);
        mime.setSentDate(Date.from(clock.instant()));
        mime.setContent(alternative);
        return mime;
    }
}
