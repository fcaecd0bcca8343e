package io.userasset.local.pipeline;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The engine's clock in a local run: event time, not wall time. The runner moves it to the end of
 * each simulated day before sending that day's events (the parser refuses timestamps more than 24 h
 * after its clock; scores are "as of today"), and to the daily job's schedule before running it.
 * It only moves forward.
 */
public final class SimulatedClock extends Clock {
    private volatile Instant now;

    public SimulatedClock(Instant start) {
        this.now = start;
    }

    public void set(Instant instant) {
        if (instant.isBefore(now)) throw new IllegalArgumentException("the clock does not go back: " + instant + " < " + now);
        now = instant;
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the simulated clock is UTC; days are cut in the engine's configured zone");
    }
}
