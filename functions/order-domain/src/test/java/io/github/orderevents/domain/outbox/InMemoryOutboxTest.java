package io.github.orderevents.domain.outbox;

import io.github.orderevents.domain.OrderEvent;
import io.github.orderevents.domain.testing.InMemoryPendingOutbox;

import java.util.List;

class InMemoryOutboxTest extends OutboxContract {
    private final InMemoryPendingOutbox outbox = new InMemoryPendingOutbox();

    @Override
    protected Outbox outbox() {
        return outbox;
    }

    @Override
    protected void addPending(List<OrderEvent> events) {
        outbox.add(events.toArray(OrderEvent[]::new));
    }

    @Override
    protected boolean isPending(OrderEvent event) {
        return outbox.isPending(event.eventId());
    }

    @Override
    protected PendingOutbox pendingRows() {
        return outbox;
    }

    @Override
    protected RowState stateOf(OrderEvent event) {
        return outbox.status(event.eventId())
                .map(status -> new RowState(event.eventId(), status.name(), outbox.attempts(event.eventId()),
                        outbox.lastError(event.eventId()).orElse(null)))
                .orElse(null);
    }
}
