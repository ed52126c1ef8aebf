package io.github.orderevents.domain.outbox;

import io.github.orderevents.domain.OrderEvent;
import io.github.orderevents.domain.testing.InMemoryPendingOutbox;

import java.util.List;

/** The sweeper's fake passes the same contract as the DynamoDB adapter, so tests built on it hold there too. */
class InMemoryPendingOutboxTest extends PendingOutboxContract {
    private final InMemoryPendingOutbox outbox = new InMemoryPendingOutbox();

    @Override
    protected PendingOutbox pendingOutbox() {
        return outbox;
    }

    @Override
    protected void addPending(List<OrderEvent> events) {
        outbox.add(events.toArray(OrderEvent[]::new));
    }

    @Override
    protected void markPublished(List<OrderEvent> events) {
        outbox.markPublished(events);
    }

    @Override
    protected Outbox outbox() {
        return outbox;
    }
}
