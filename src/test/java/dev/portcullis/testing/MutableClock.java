package dev.portcullis.testing;

import java.time.Duration;
import java.time.Instant;

/** A Clock tests move by hand (STYLE 9: expiry is tested by moving time, never by sleeping). */
public final class MutableClock extends UtcTestClock {

    private volatile Instant now;

    public MutableClock(Instant now) {
        this.now = now;
    }

    public void set(Instant instant) {
        now = instant;
    }

    public void advance(Duration duration) {
        now = now.plus(duration);
    }

    @Override
    public Instant instant() {
        return now;
    }
}
