package io.github.orderevents.local.faults;

import java.util.Random;

/**
 * When one kind of fault fires, for one function: on average once every {@code 1 / rate} invocations, at
 * seeded random gaps, and for the first time within the first {@code 1 / rate} invocations. A coin toss per
 * invocation would leave a rare fault unfired in a short run now and then; a schedule fires it as often as
 * its rate says while keeping where it falls unpredictable.
 */
final class FaultSchedule {
    private final double rate;
    private final Random random;
    private long untilNext;

    FaultSchedule(double rate, Random random) {
        this.rate = rate;
        this.random = random;
        this.untilNext = rate > 0 ? 1 + random.nextLong(period()) : Long.MAX_VALUE;
    }

    /** Whether the fault fires on this invocation; counts it. */
    synchronized boolean fires() {
        if (rate <= 0 || --untilNext > 0) {
            return false;
        }
        untilNext = 1 + random.nextLong(2 * period() - 1);
        return true;
    }

    private long period() {
        return Math.max(1, Math.round(1 / rate));
    }
}
