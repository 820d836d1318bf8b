package dev.portcullis.mail;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.portcullis.config.PublicUrls;

/**
 * MAIL-3: dev mode without SMTP. The message already sits in the outbox, which is the mailbox;
 * delivering means marking it sent, and telling the developer where to read it.
 */
final class DevMailboxTransport implements MailTransport {

    static final String NAME = "dev-mailbox";
    private static final Logger log = LoggerFactory.getLogger(DevMailboxTransport.class);

    private final PublicUrls urls;

    DevMailboxTransport(PublicUrls urls) {
        this.urls = urls;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void send(OutboxMessage message) {
        // The page link only: the body can hold a verification token.
        log.info("mail kept in the dev mailbox: {}", urls.link("/dev/mailbox/" + message.id()));
    }
}
