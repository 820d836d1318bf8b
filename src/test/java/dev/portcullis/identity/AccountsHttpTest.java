package dev.portcullis.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;

import dev.portcullis.audit.AuditLog;
import dev.portcullis.session.Sessions;
import dev.portcullis.shared.EmailAddress;
import dev.portcullis.shared.RequestOrigin;
import dev.portcullis.testing.AdvancingClock;
import dev.portcullis.testing.HttpTest;
import dev.portcullis.testing.IntegrationTest;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

/**
 * Base of the account ITs: one running Portcullis (shared by every subclass through Spring's
 * context cache) that sends its mail over real SMTP to one GreenMail server, and an
 * {@link AdvancingClock} as the application's Clock so tests move time instead of sleeping.
 * Every test uses fresh random addresses, so tests never see each other's accounts or mail.
 */
@IntegrationTest
@Import(AccountsHttpTest.ClockConfiguration.class)
@TestPropertySource(properties = { "portcullis.mail.poll-interval=200ms", "db-scheduler.polling-interval=200ms" })
abstract class AccountsHttpTest extends HttpTest {

    static final String STRONG_PASSWORD = "tulip Orbit 7 k! lantern";
    static final String OTHER_STRONG_PASSWORD = "quiet Harbor 42 mosaic?";
    static final RequestOrigin ORIGIN = new RequestOrigin("203.0.113.7", "Mozilla/5.0 (X11; Linux)", null);
    static final Duration MAIL_WAIT = Duration.ofSeconds(30);
    private static final Pattern TOKEN_LINK = Pattern.compile("(http://127\\.0\\.0\\.1:8080(/[a-z/-]+)\\?token=([A-Za-z0-9_%-]+))");
    static final GreenMail SMTP = startSmtp();
    /** Real time plus an offset tests can add to. */
    static final AdvancingClock CLOCK = new AdvancingClock();

    @Autowired
    JdbcClient jdbc;
    @Autowired
    Users users;
    @Autowired
    Sessions sessions;
    @Autowired
    PasswordHasher hasher;
    @Autowired
    AuditLog audit;

    @TestConfiguration(proxyBeanMethods = false)
    static class ClockConfiguration {
        @Bean
        @Primary
        Clock mutableClock() {
            return CLOCK;
        }
    }

    @DynamicPropertySource
    static void smtpServer(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> SMTP.getSmtp().getPort());
    }

    private static GreenMail startSmtp() {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        GreenMail smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        Runtime.getRuntime().addShutdownHook(new Thread(smtp::stop, "greenmail-stop"));
        return smtp;
    }

    static String newAddress() {
        byte[] bytes = new byte[6];
        ThreadLocalRandom.current().nextBytes(bytes);
        return "user-" + HexFormat.of().formatHex(bytes) + "@example.com";
    }

    HttpResponse<String> register(String email, String password) {
        return http.postJson("/api/v1/auth/register",
                "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}");
    }

    /** Signs up and verifies through the real mail; returns the account's id. */
    String verifiedUser(String email, String password) {
        assertThat(register(email, password).statusCode()).isEqualTo(202);
        String token = tokenFrom(awaitMail(email, "Confirm your email address"), "/verify-email");
        assertThat(http.postJson("/api/v1/auth/verify-email", "{\"token\":\"" + token + "\"}").statusCode()).isEqualTo(204);
        return users.findByEmail(EmailAddress.parse(email)).orElseThrow().id();
    }

    /** The newest message to {@code to} with this subject, waiting for the dispatcher to deliver it. */
    MimeMessage awaitMail(String to, String subject) {
        return awaitMails(to, subject, 1).get(0);
    }

    /** Waits until at least {@code count} such messages arrived; newest first. */
    List<MimeMessage> awaitMails(String to, String subject, int count) {
        await().atMost(MAIL_WAIT).until(() -> mails(to, subject).size() >= count);
        List<MimeMessage> found = mails(to, subject);
        java.util.Collections.reverse(found);
        return found;
    }

    static List<MimeMessage> mails(String to, String subject) {
        return Arrays.stream(SMTP.getReceivedMessages()).filter(m -> to(m).contains(to) && subject(m).equals(subject))
                .collect(java.util.stream.Collectors.toList());
    }

    /** The token of the link to {@code path} in the plain-text part; also checks the link's base (MAIL-2). */
    static String tokenFrom(MimeMessage message, String path) {
        String body = GreenMailUtil.getBody(message).replace("=\r\n", "").replace("=3D", "=");
        Matcher m = TOKEN_LINK.matcher(body);
        while (m.find()) {
            if (m.group(2).equals(path)) {
                return URLDecoder.decode(m.group(3), StandardCharsets.UTF_8);
            }
        }
        throw new AssertionError("no " + path + " link in the message");
    }

    /** Outbox rows for the recipient and template: what was queued, whether or not delivered yet. */
    long queued(String recipient, String template) {
        return jdbc.sql("SELECT COUNT(*) FROM mail_outbox WHERE recipient = :r AND template = :t")
                .param("r", recipient).param("t", template).query(Long.class).single();
    }

    static String problemCode(HttpResponse<String> response) {
        Matcher m = Pattern.compile("\"code\"\\s*:\\s*\"([a-z_]+)\"").matcher(response.body());
        return m.find() ? m.group(1) : null;
    }

    static void assertProblem(HttpResponse<String> response, int status, String code) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                v -> assertThat(v).startsWith("application/problem+json"));
        assertThat(problemCode(response)).isEqualTo(code);
    }

    private static List<String> to(MimeMessage message) {
        try {
            return Arrays.stream(message.getRecipients(Message.RecipientType.TO)).map(Object::toString).toList();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String subject(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
