package dev.portcullis.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class MailBackoffTest {

    private final Backoff backoff = new Backoff(Duration.ofSeconds(30), Duration.ofHours(1));

    @Test
    void delayDoublesAfterEachFailure_MAIL1() {
        assertThat(backoff.delayAfter(1)).isEqualTo(Duration.ofSeconds(30));
        assertThat(backoff.delayAfter(2)).isEqualTo(Duration.ofSeconds(60));
        assertThat(backoff.delayAfter(3)).isEqualTo(Duration.ofSeconds(120));
        assertThat(backoff.delayAfter(7)).isEqualTo(Duration.ofSeconds(30 * 64));
    }

    @Test
    void delayIsCappedAtMaximum_MAIL1() {
        // 30 s × 2^7 = 64 min > 1 h
        assertThat(backoff.delayAfter(8)).isEqualTo(Duration.ofHours(1));
        assertThat(backoff.delayAfter(100)).isEqualTo(Duration.ofHours(1));
        assertThat(backoff.delayAfter(Integer.MAX_VALUE)).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void badArgumentsAreRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> backoff.delayAfter(0));
        assertThatIllegalArgumentException().isThrownBy(() -> new Backoff(Duration.ZERO, Duration.ofSeconds(1)));
        assertThatIllegalArgumentException().isThrownBy(() -> new Backoff(Duration.ofMinutes(2), Duration.ofMinutes(1)));
    }
}
