package dev.portcullis.mail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

/** Shared helpers for the mail integration tests: a real SMTP server and a look into the outbox. */
final class MailTestSupport {

    /** An outbox row as the tests inspect it. */
    record Row(long id, String status, int attempts, String lastError, String transport, String subject) {
    }

    private MailTestSupport() {
    }

    /** A port nothing listens on right now; SMTP "down" until {@link #startSmtp} binds it. */
    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static GreenMail startSmtp(int port) {
        GreenMail smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        return smtp;
    }

    static List<Row> rowsFor(JdbcClient jdbc, String recipient) {
        return jdbc.sql("SELECT id, status, attempts, last_error, transport, subject FROM mail_outbox "
                + "WHERE recipient = :recipient ORDER BY id")
                .param("recipient", recipient)
                .query(Row.class)
                .list();
    }

    static Row rowFor(JdbcClient jdbc, String recipient) {
        List<Row> rows = rowsFor(jdbc, recipient);
        if (rows.size() != 1) {
            throw new AssertionError("expected one outbox row for " + recipient + " but found " + rows.size());
        }
        return rows.get(0);
    }
}
