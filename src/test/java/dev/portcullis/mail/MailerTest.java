package dev.portcullis.mail;

import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import java.net.URI;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.portcullis.config.PublicUrls;

class MailerTest {

    private final MailTemplates templates = mock(MailTemplates.class);
    private final MailOutboxRepository outbox = mock(MailOutboxRepository.class);
    private final Mailer mailer = new Mailer(templates, outbox, publicUrls("https://auth.example.com"),
            Clock.systemUTC());

    private static PublicUrls publicUrls(String issuer) {
        PublicUrls urls = mock(PublicUrls.class);
        when(urls.issuer()).thenReturn(issuer);
        return urls;
    }

    @Test
    void linkOutsideTheIssuerIsRefused_MAIL2() {
        assertThatIllegalArgumentException().isThrownBy(() -> mailer.enqueue("ada@example.com", "verify-email",
                Locale.ENGLISH, Map.of("verificationLink", URI.create("https://auth.example.com.evil.test/verify"))));
        assertThatIllegalArgumentException().isThrownBy(() -> mailer.enqueue("ada@example.com", "verify-email",
                Locale.ENGLISH, Map.of("verificationLink", URI.create("https://evil.test/verify"))));
        verifyNoInteractions(templates, outbox);
    }

    @Test
    void recipientMustBeOneBareAddress_MAIL1() {
        for (String bad : new String[] {"Ada <ada@example.com>", "ada@example.com, eve@example.com",
                "ada@example.com\r\nBcc: eve@example.com", "not-an-address", "a".repeat(250) + "@x.io"}) {
            assertThatIllegalArgumentException().as(bad).isThrownBy(() -> mailer.enqueue(bad, "verify-email",
                    Locale.ENGLISH, Map.of()));
        }
        verifyNoInteractions(templates, outbox);
    }
}
