package io.github.orderevents.domain;

import java.time.Duration;

/** Waits; a port so that tests of waiting code run without real time passing. */
@FunctionalInterface
public interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;

    static Sleeper system() {
        return duration -> Thread.sleep(duration);
    }
}
