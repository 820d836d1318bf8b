package dev.portcullis.mail;

/** Delivers one rendered message; throws when the message was not accepted. */
interface MailTransport {

    /** Stored in {@code mail_outbox.transport}: how a message left. */
    String name();

    void send(OutboxMessage message) throws Exception;
}
