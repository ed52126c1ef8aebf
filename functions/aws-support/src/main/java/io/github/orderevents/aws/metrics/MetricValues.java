package io.github.orderevents.aws.metrics;

import java.time.Duration;
import java.time.Instant;

/** Durations as metric values. */
public final class MetricValues {
    private MetricValues() {
    }

    /**
     * Milliseconds from {@code from} to {@code to}, never negative: the two may come from the clocks of different
     * machines (an event's occurredAt is its writer's), and a clock a little ahead must not make an age negative.
     */
    public static double millisBetween(Instant from, Instant to) {
        return Math.max(0, Duration.between(from, to).toNanos() / 1_000_000.0);
    }
}
