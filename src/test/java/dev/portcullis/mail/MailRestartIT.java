package dev.portcullis.mail;

import static dev.portcullis.mail.MailTestSupport.rowFor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.icegreen.greenmail.util.GreenMail;

import dev.portcullis.PortcullisApplication;
import dev.portcullis.config.PublicUrls;

/**
 * MAIL-1 "nothing lost if the process restarts": two application contexts, one after the other,
 * on the same H2 file database.
 */
class MailRestartIT {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void messageQueuedWhileSmtpIsDownIsDeliveredAfterRestart_MAIL1() {
        int smtpPort = MailTestSupport.freePort();
        Path dir = Path.of("target/test-data/mail-restart-" + UUID.randomUUID()).toAbsolutePath();
        String[] args = {
                "--spring.datasource.url=jdbc:h2:file:" + dir.resolve("db")
                        + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH",
                "--server.port=0",
                "--spring.mail.host=127.0.0.1",
                "--spring.mail.port=" + smtpPort,
                "--portcullis.mail.poll-interval=200ms",
                "--db-scheduler.polling-interval=200ms",
                "--portcullis.mail.retry-initial-delay=200ms",
                "--portcullis.mail.retry-max-delay=500ms",
                "--portcullis.mail.max-attempts=100"};

        try (ConfigurableApplicationContext first = start(args)) {
            PublicUrls urls = first.getBean(PublicUrls.class);
            first.getBean(Mailer.class).enqueue("restart@example.com", "verify-email", Locale.ENGLISH,
                    Map.of("verificationLink", urls.link("/verify", "token", "r")));
            JdbcClient jdbc = first.getBean(JdbcClient.class);
            await().atMost(WAIT).until(() -> rowFor(jdbc, "restart@example.com").attempts() >= 1);
            assertThat(rowFor(jdbc, "restart@example.com").status()).isEqualTo("queued");
        }

        GreenMail smtp = MailTestSupport.startSmtp(smtpPort);
        try (ConfigurableApplicationContext second = start(args)) {
            await().atMost(WAIT).until(() -> smtp.getReceivedMessages().length == 1);
            assertThat(smtp.getReceivedMessages()[0].getSubject()).isEqualTo("Confirm your email address");
            JdbcClient jdbc = second.getBean(JdbcClient.class);
            await().atMost(WAIT).until(() -> rowFor(jdbc, "restart@example.com").status().equals("sent"));
        } catch (jakarta.mail.MessagingException e) {
            throw new AssertionError(e);
        } finally {
            smtp.stop();
        }
    }

    private static ConfigurableApplicationContext start(String[] args) {
        // Command-line arguments outrank the test profile's in-memory database URL.
        return new SpringApplicationBuilder(PortcullisApplication.class).profiles("test").run(args);
    }
}
