package dev.portcullis.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;

import dev.portcullis.mfa.TestTotp;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

/**
 * Base for ITs that walk account flows as a client would: a real SMTP server (GreenMail) receives
 * Portcullis' mail, and the helpers sign up, verify through the mailed link and sign in over HTTP.
 * Subclasses add {@code @IntegrationTest} and fast mail polling
 * ({@code portcullis.mail.poll-interval=200ms}, {@code db-scheduler.polling-interval=200ms}).
 */
public abstract class AccountFlowTest extends HttpTest {

    public static final String PASSWORD = "correct horse battery staple 42";
    private static final int SMTP_PORT = freePort();
    protected static GreenMail smtp;

    @DynamicPropertySource
    static void smtpServer(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> SMTP_PORT);
    }

    @BeforeAll
    static void startSmtp() {
        smtp = new GreenMail(new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
    }

    @AfterAll
    static void stopSmtp() {
        smtp.stop();
    }

    public record Tokens(String access, String refresh) {

        public static Tokens of(HttpResponse<String> response) {
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            assertThat(response.body()).contains("\"token_type\":\"Bearer\"", "\"expires_in\":",
                    "\"refresh_expires_in\":");
            return new Tokens(field(response.body(), "access_token"), field(response.body(), "refresh_token"));
        }
    }

    /** Signs up and verifies through the real mail, returning the address. */
    protected String signedUp(String email) {
        return signedUp(email, new String[0]);
    }

    /** As {@link #signedUp(String)}, sending the given extra headers (name, value, …) with each request. */
    protected String signedUp(String email, String... headers) {
        HttpResponse<String> registered = http.postJson("/api/v1/auth/register",
                "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\"}", headers);
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(202);
        HttpResponse<String> verified = http.postJson("/api/v1/auth/verify-email",
                "{\"token\":\"" + mailedToken(email, "verify-email") + "\"}", headers);
        assertThat(verified.statusCode()).as(verified.body()).isEqualTo(204);
        return email;
    }

    /** Signs up, verifies and signs in. */
    protected Tokens signedIn(String email) {
        return Tokens.of(login(signedUp(email), PASSWORD));
    }

    /**
     * MFA-6: signs in a verified user with a second factor (as an admin must): enrols TOTP, with the
     * enrolment-only token if the role requires one, then signs in again with a code. Codes come
     * from the independent {@link TestTotp} at the application's {@code clock}.
     */
    protected Tokens signedInWithMfa(String email, Clock clock) {
        String secret = enrolledTotp(Tokens.of(login(email, PASSWORD)).access(), clock);
        String mfaToken = field(login(email, PASSWORD).body(), "mfa_token");
        // The next step's code: the confirmation used this one, and a code is accepted once.
        return Tokens.of(http.postJson("/api/v1/auth/mfa", "{\"mfa_token\":\"" + mfaToken + "\",\"code\":\""
                + TestTotp.code(secret, clock.instant().plusSeconds(30)) + "\"}"));
    }

    /** MFA-1: enrols and confirms TOTP for the holder of {@code access}; returns the secret. */
    protected String enrolledTotp(String access, Clock clock) {
        HttpResponse<String> enrol = http.postJson("/api/v1/me/mfa/totp", "", "Authorization", "Bearer " + access);
        assertThat(enrol.statusCode()).as(enrol.body()).isEqualTo(200);
        String secret = field(enrol.body(), "secret");
        HttpResponse<String> confirmed = http.postJson("/api/v1/me/mfa/totp/confirm", "{\"code\":\""
                + TestTotp.code(secret, clock.instant()) + "\"}", "Authorization", "Bearer " + access);
        assertThat(confirmed.statusCode()).as(confirmed.body()).isEqualTo(200);
        return secret;
    }

    /** The token of the newest link {@code {issuer}/<path>?token=…} mailed to the address. */
    protected String mailedToken(String email, String path) {
        Pattern link = Pattern.compile(Pattern.quote(path) + "\\?token=([A-Za-z0-9_-]+)");
        return await().atMost(Duration.ofSeconds(30)).until(() -> {
            String found = null;
            for (MimeMessage message : smtp.getReceivedMessages()) {
                if (recipient(message).equals(email)) {
                    Matcher m = link.matcher(GreenMailUtil.getBody(message));
                    if (m.find()) {
                        found = m.group(1);
                    }
                }
            }
            return found;
        }, token -> token != null);
    }

    protected HttpResponse<String> login(String email, String password) {
        return http.postJson("/api/v1/auth/login",
                "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}");
    }

    protected HttpResponse<String> refresh(String refreshToken) {
        return http.postJson("/api/v1/auth/refresh", "{\"refresh_token\":\"" + refreshToken + "\"}");
    }

    protected HttpResponse<String> me(String accessToken) {
        return http.get("/api/v1/me", "Authorization", "Bearer " + accessToken);
    }

    public static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\":\"([^\"]+)\"").matcher(json);
        assertThat(m.find()).as(name + " in " + json).isTrue();
        return m.group(1);
    }

    /** The first recipient of a received message. */
    public static String recipient(MimeMessage message) {
        try {
            return message.getAllRecipients()[0].toString();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String subject(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
