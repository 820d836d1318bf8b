package dev.portcullis.testing;

import java.time.Clock;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** The zone part of the tests' clocks: tests use UTC only. */
abstract class UtcTestClock extends Clock {

    @Override
    public final ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public final Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("tests use UTC");
    }
}
