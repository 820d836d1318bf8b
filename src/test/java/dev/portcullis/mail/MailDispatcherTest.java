package dev.portcullis.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

class MailDispatcherTest {

    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

    private final MailOutboxRepository outbox = mock(MailOutboxRepository.class);
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final MailProperties properties = new MailProperties("Portcullis <no-reply@localhost>", null,
            Duration.ofSeconds(2), 20, 3, Duration.ofSeconds(30), Duration.ofHours(1), Duration.ofDays(7));
    private final List<Long> delivered = new ArrayList<>();

    /** Fails for message 1, delivers the others. */
    private final MailTransport transport = new MailTransport() {
        @Override
        public String name() {
            return "fake";
        }

        @Override
        public void send(OutboxMessage message) throws Exception {
            if (message.id() == 1) {
                throw new jakarta.mail.MessagingException("Connection refused\r\nsecond line");
            }
            delivered.add(message.id());
        }
    };

    private final MailDispatcher dispatcher = new MailDispatcher(outbox, transport, new MailMetrics(registry, outbox),
            properties, Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void oneFailingMessageDoesNotStopTheBatch_MAIL1() {
        when(outbox.findDue(NOW, 20)).thenReturn(List.of(message(1, 0), message(2, 0)));

        dispatcher.dispatchDue();

        assertThat(delivered).containsExactly(2L);
        verify(outbox).markSent(2, NOW, "fake");
        verify(outbox).markFailed(eq(1L), eq(1), eq(MailStatus.QUEUED), eq(NOW.plusSeconds(30)),
                argThat(error -> error.equals("MessagingException: Connection refused second line")));
        assertThat(registry.get(MailMetrics.SENT).tag("transport", "fake").counter().count()).isEqualTo(1);
        assertThat(registry.get(MailMetrics.FAILED_ATTEMPTS).counter().count()).isEqualTo(1);
    }

    @Test
    void retryDelayGrowsWithAttempts_MAIL1() {
        when(outbox.findDue(NOW, 20)).thenReturn(List.of(message(1, 1)));

        dispatcher.dispatchDue();

        verify(outbox).markFailed(eq(1L), eq(2), eq(MailStatus.QUEUED), eq(NOW.plusSeconds(60)), anyString());
    }

    @Test
    void lastAllowedFailureAbandonsTheMessage_MAIL1() {
        when(outbox.findDue(NOW, 20)).thenReturn(List.of(message(1, 2)));

        dispatcher.dispatchDue();

        verify(outbox).markFailed(eq(1L), eq(3), eq(MailStatus.ABANDONED), any(), anyString());
        verify(outbox, never()).markSent(anyLong(), any(), anyString());
        assertThat(registry.get(MailMetrics.ABANDONED).counter().count()).isEqualTo(1);
    }

    @Test
    void errorTextIsOneTruncatedLine_MAIL1() {
        String huge = "x".repeat(2000);
        String text = MailDispatcher.describe(new IllegalStateException("outer\n" + huge,
                new java.io.IOException("root cause")));

        assertThat(text).hasSize(MailOutboxRepository.LAST_ERROR_LENGTH).doesNotContain("\n")
                .startsWith("IllegalStateException: outer x");
        assertThat(MailDispatcher.describe(new IllegalStateException("a", new java.io.IOException("b"))))
                .isEqualTo("IllegalStateException: a <- IOException: b");
        verify(outbox, never()).markFailed(anyLong(), anyInt(), any(), any(), anyString());
    }

    private static OutboxMessage message(long id, int attempts) {
        return new OutboxMessage(id, NOW.minusSeconds(60), "ada@example.com", "verify-email", "en", "Subject",
                "text", "<p>html</p>", MailStatus.QUEUED, attempts, NOW, null, null, null);
    }
}
