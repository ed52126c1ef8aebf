package io.github.orderevents.domain;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** Reads orders, optionally waiting for one to reach a terminal status: the synchronous bridge. */
public final class OrderQueries {
    public static final Duration MAX_WAIT = Duration.ofSeconds(20);
    static final Duration FIRST_BACKOFF = Duration.ofMillis(50);
    static final Duration MAX_BACKOFF = Duration.ofSeconds(1);

    private final OrderReader store;
    private final Clock clock;
    private final Sleeper sleeper;

    public OrderQueries(OrderReader store, Clock clock, Sleeper sleeper) {
        this.store = store;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    /** The order now. @throws OrderNotFoundException if there is none */
    public Order get(String orderId) {
        return store.find(orderId).orElseThrow(() -> new OrderNotFoundException(orderId));
    }

    /**
     * The order once it is CONFIRMED or REJECTED, or as it is when {@code wait} has passed. Reads back off
     * from 50 ms to at most 1 s between reads, so a long wait costs about one read a second.
     *
     * @throws OrderNotFoundException if there is no such order (checked on the first read)
     */
    public Order awaitTerminal(String orderId, Duration wait) {
        if (wait.isNegative() || wait.compareTo(MAX_WAIT) > 0) {
            throw new IllegalArgumentException("wait must be between 0 and " + MAX_WAIT);
        }
        Instant deadline = clock.instant().plus(wait);
        Order order = get(orderId);
        Duration backoff = FIRST_BACKOFF;
        while (!order.status().isTerminal()) {
            Duration left = Duration.between(clock.instant(), deadline);
            if (left.isNegative() || left.isZero()) {
                return order;
            }
            try {
                sleeper.sleep(backoff.compareTo(left) < 0 ? backoff : left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return order;
            }
            order = get(orderId);
            backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) < 0 ? backoff.multipliedBy(2) : MAX_BACKOFF;
        }
        return order;
    }
}
