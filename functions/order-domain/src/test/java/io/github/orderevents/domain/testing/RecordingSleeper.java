package io.github.orderevents.domain.testing;

import io.github.orderevents.domain.Sleeper;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link Sleeper} that advances a {@link MutableClock} instead of sleeping, records every duration
 * asked for, and can run an action (another party changing the world) once a given number of sleeps is done.
 */
public final class RecordingSleeper implements Sleeper {
    private final MutableClock clock;
    private final List<Duration> sleeps = new ArrayList<>();
    private int runAfter = -1;
    private Runnable action = () -> { };

    public RecordingSleeper(MutableClock clock) {
        this.clock = clock;
    }

    /** Runs {@code action} right after the {@code sleeps}-th sleep (1-based) has passed. */
    public RecordingSleeper afterSleeps(int sleeps, Runnable action) {
        this.runAfter = sleeps;
        this.action = action;
        return this;
    }

    @Override
    public synchronized void sleep(Duration duration) {
        clock.sleep(duration);
        sleeps.add(duration);
        if (sleeps.size() == runAfter) {
            action.run();
        }
    }

    public synchronized List<Duration> sleeps() {
        return List.copyOf(sleeps);
    }

    public synchronized Duration total() {
        return sleeps.stream().reduce(Duration.ZERO, Duration::plus);
    }
}
