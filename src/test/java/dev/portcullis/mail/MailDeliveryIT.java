package dev.portcullis.mail;

import static dev.portcullis.mail.MailTestSupport.rowFor;
import static dev.portcullis.mail.MailTestSupport.rowsFor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;

import dev.portcullis.config.PublicUrls;
import dev.portcullis.testing.IntegrationTest;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

/** MAIL-1, MAIL-2 over real SMTP (GreenMail) and the real outbox table. */
@IntegrationTest
@DirtiesContext
@TestPropertySource(properties = {
        "portcullis.mail.poll-interval=200ms",
        "db-scheduler.polling-interval=200ms",
        "portcullis.mail.retry-initial-delay=200ms",
        "portcullis.mail.retry-max-delay=1s",
        "portcullis.mail.max-attempts=5"})
class MailDeliveryIT {

    private static final int SMTP_PORT = MailTestSupport.freePort();
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static GreenMail smtp;

    @Autowired
    Mailer mailer;
    @Autowired
    PublicUrls urls;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    MeterRegistry meters;
    @Autowired
    PlatformTransactionManager transactions;

    @DynamicPropertySource
    static void smtpServer(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> SMTP_PORT);
    }

    @BeforeAll
    static void startSmtp() {
        smtp = MailTestSupport.startSmtp(SMTP_PORT);
    }

    @AfterAll
    static void stopSmtp() {
        smtp.stop();
    }

    @BeforeEach
    void smtpUpAndEmpty() throws Exception {
        if (!smtp.isRunning()) {
            smtp = MailTestSupport.startSmtp(SMTP_PORT);
        }
        smtp.purgeEmailFromAllMailboxes();
    }

    @Test
    void messageEnqueuedInTransactionIsDeliveredWithTextAndHtmlParts_MAIL1_MAIL2() throws Exception {
        String link = urls.link("/verify", "token", "abc123").toString();
        inTransaction(() -> mailer.enqueue("ada@example.com", "verify-email", Locale.ENGLISH,
                Map.of("displayName", "Ada", "verificationLink", urls.link("/verify", "token", "abc123"))));

        MimeMessage received = awaitMessageTo("ada@example.com");

        assertThat(link).startsWith("http://127.0.0.1:8080/verify?token=abc123");
        assertThat(received.getSubject()).isEqualTo("Confirm your email address");
        assertThat(received.getFrom()[0].toString()).isEqualTo("Portcullis <no-reply@localhost>");
        assertThat(received.getContentType()).startsWith("multipart/alternative");
        MimeMultipart parts = (MimeMultipart) received.getContent();
        assertThat(parts.getCount()).isEqualTo(2);
        assertThat(parts.getBodyPart(0).getContentType()).startsWith("text/plain");
        assertThat((String) parts.getBodyPart(0).getContent()).contains("Hello Ada,").contains(link);
        assertThat(parts.getBodyPart(1).getContentType()).startsWith("text/html");
        assertThat((String) parts.getBodyPart(1).getContent()).contains("href=\"" + link + "\"");
        MailTestSupport.Row row = rowFor(jdbc, "ada@example.com");
        assertThat(row.status()).isEqualTo("sent");
        assertThat(row.transport()).isEqualTo("smtp");
    }

    @Test
    void subjectAndBodyFollowTheRecipientsLanguage_MAIL2() throws Exception {
        inTransaction(() -> mailer.enqueue("bernd@example.de", "verify-email", Locale.GERMAN,
                Map.of("verificationLink", urls.link("/verify", "token", "xyz"))));

        MimeMessage received = awaitMessageTo("bernd@example.de");

        assertThat(received.getSubject()).isEqualTo("Bestätigen Sie Ihre E-Mail-Adresse");
        assertThat(GreenMailUtil.getBody(received)).contains("Hallo,");
    }

    @Test
    void rolledBackTransactionQueuesAndSendsNothing_MAIL1() {
        TransactionTemplate tx = new TransactionTemplate(transactions);
        tx.executeWithoutResult(status -> {
            mailer.enqueue("rollback@example.com", "verify-email", Locale.ENGLISH,
                    Map.of("verificationLink", urls.link("/verify", "token", "t")));
            status.setRollbackOnly();
        });
        // A message committed afterwards is delivered; had the rolled-back one been queued, it
        // would have gone first (oldest first).
        inTransaction(() -> mailer.enqueue("after@example.com", "verify-email", Locale.ENGLISH,
                Map.of("verificationLink", urls.link("/verify", "token", "t"))));
        awaitMessageTo("after@example.com");

        assertThat(rowsFor(jdbc, "rollback@example.com")).isEmpty();
        assertThat(recipients()).doesNotContain("rollback@example.com");
    }

    @Test
    void messageSurvivesSmtpOutageAndIsDeliveredLater_MAIL1() {
        smtp.stop();
        inTransaction(() -> mailer.enqueue("outage@example.com", "verify-email", Locale.ENGLISH,
                Map.of("verificationLink", urls.link("/verify", "token", "o"))));

        await().atMost(WAIT).untilAsserted(() -> {
            MailTestSupport.Row row = rowFor(jdbc, "outage@example.com");
            assertThat(row.attempts()).isGreaterThanOrEqualTo(2);
            assertThat(row.status()).isEqualTo("queued");
            assertThat(row.lastError()).isNotBlank().doesNotContain("\n");
        });
        smtp = MailTestSupport.startSmtp(SMTP_PORT);

        awaitMessageTo("outage@example.com");
        await().atMost(WAIT).until(() -> rowFor(jdbc, "outage@example.com").status().equals("sent"));
    }

    @Test
    void messageIsAbandonedAfterMaxAttemptsAndCounted_MAIL1_AUD3() {
        double abandonedBefore = meters.get(MailMetrics.ABANDONED).counter().count();
        double failedBefore = meters.get(MailMetrics.FAILED_ATTEMPTS).counter().count();
        smtp.stop();
        inTransaction(() -> mailer.enqueue("never@example.com", "verify-email", Locale.ENGLISH,
                Map.of("verificationLink", urls.link("/verify", "token", "n"))));

        await().atMost(WAIT).until(() -> rowFor(jdbc, "never@example.com").status().equals("abandoned"));

        assertThat(rowFor(jdbc, "never@example.com").attempts()).isEqualTo(5);
        assertThat(meters.get(MailMetrics.ABANDONED).counter().count()).isEqualTo(abandonedBefore + 1);
        assertThat(meters.get(MailMetrics.FAILED_ATTEMPTS).counter().count()).isGreaterThanOrEqualTo(failedBefore + 5);
        assertThat(meters.get(MailMetrics.QUEUE_DEPTH).gauge().value()).isGreaterThanOrEqualTo(0);
    }

    private void inTransaction(Runnable work) {
        new TransactionTemplate(transactions).executeWithoutResult(status -> work.run());
    }

    private MimeMessage awaitMessageTo(String recipient) {
        await().atMost(WAIT).until(() -> recipients().contains(recipient));
        return Arrays.stream(smtp.getReceivedMessages()).filter(m -> recipientsOf(m).contains(recipient))
                .findFirst().orElseThrow();
    }

    private List<String> recipients() {
        return Arrays.stream(smtp.getReceivedMessages()).flatMap(m -> recipientsOf(m).stream()).toList();
    }

    private static List<String> recipientsOf(MimeMessage message) {
        try {
            return Arrays.stream(message.getRecipients(Message.RecipientType.TO)).map(Object::toString).toList();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
