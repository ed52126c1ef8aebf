package io.github.orderevents.domain.testing;

import io.github.orderevents.domain.Ids;

import java.util.concurrent.atomic.AtomicInteger;

/** Predictable ids: ord-1, ord-2, … and evt-1, evt-2, … */
public final class SequentialIds implements Ids {
    private final AtomicInteger orders = new AtomicInteger();
    private final AtomicInteger events = new AtomicInteger();

    @Override
    public String newOrderId() {
        return "ord-" + orders.incrementAndGet();
    }

    @Override
    public String newEventId() {
        return "evt-" + events.incrementAndGet();
    }
}
