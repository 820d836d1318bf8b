package dev.portcullis.testing;

import java.time.Duration;
import java.time.Instant;

/**
 * The system clock moved forward by whatever the tests {@link #advance}d. It must keep ticking:
 * db-scheduler takes the application's Clock too, and a frozen one would never run the mail job again.
 */
public final class AdvancingClock extends UtcTestClock {

    private volatile Duration offset = Duration.ZERO;

    public synchronized void advance(Duration by) {
        offset = offset.plus(by);
    }

    @Override
    public Instant instant() {
        return Instant.now().plus(offset);
    }
}
