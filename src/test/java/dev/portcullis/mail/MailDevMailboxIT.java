package dev.portcullis.mail;

import static dev.portcullis.mail.MailTestSupport.rowFor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

import dev.portcullis.config.PublicUrls;
import dev.portcullis.testing.Http;
import dev.portcullis.testing.IntegrationTest;

/** MAIL-3: dev mode without spring.mail.host keeps mail in the dev mailbox, readable over HTTP. */
@IntegrationTest
@DirtiesContext
@TestPropertySource(properties = {"portcullis.mail.poll-interval=200ms", "db-scheduler.polling-interval=200ms"})
class MailDevMailboxIT {

    @LocalServerPort
    int port;
    @Autowired
    Mailer mailer;
    @Autowired
    PublicUrls urls;
    @Autowired
    JdbcClient jdbc;

    @Test
    void devModeWithoutSmtpKeepsMailInTheDevMailbox_MAIL3() {
        mailer.enqueue("dev@example.com", "verify-email", Locale.ENGLISH,
                Map.of("displayName", "<img src=x onerror=alert(1)>", "verificationLink", urls.link("/verify", "token", "d")));
        await().atMost(Duration.ofSeconds(30)).until(() -> rowFor(jdbc, "dev@example.com").status().equals("sent"));
        MailTestSupport.Row row = rowFor(jdbc, "dev@example.com");
        assertThat(row.transport()).isEqualTo("dev-mailbox");
        Http http = new Http(port);

        HttpResponse<String> list = http.get("/dev/mailbox");
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body()).contains("dev@example.com").contains("Confirm your email address")
                .contains("/dev/mailbox/" + row.id());

        HttpResponse<String> message = http.get("/dev/mailbox/" + row.id());
        assertThat(message.statusCode()).isEqualTo(200);
        assertThat(message.body()).contains("<pre").contains("http://127.0.0.1:8080/verify?token=d")
                .contains("/dev/mailbox/" + row.id() + "/html").doesNotContain("<img src=x");
    }

    @Test
    void mailHtmlIsServedInASandboxWithoutScripts_MAIL3_WEB6() {
        mailer.enqueue("sandbox@example.com", "verify-email", Locale.ENGLISH,
                Map.of("displayName", "<script>alert(1)</script>", "verificationLink", urls.link("/verify", "token", "s")));
        long id = rowFor(jdbc, "sandbox@example.com").id();

        HttpResponse<String> html = new Http(port).get("/dev/mailbox/" + id + "/html");

        assertThat(html.statusCode()).isEqualTo(200);
        assertThat(html.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/html"));
        assertThat(html.headers().allValues("Content-Security-Policy"))
                .containsExactly("sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data:");
        assertThat(html.body()).contains("&lt;script&gt;alert(1)&lt;/script&gt;").doesNotContain("<script>");
    }

    @Test
    void unknownMessageIsNotFound_MAIL3() {
        HttpResponse<String> missing = new Http(port).get("/dev/mailbox/987654321");

        assertThat(missing.statusCode()).isEqualTo(404);
    }
}
