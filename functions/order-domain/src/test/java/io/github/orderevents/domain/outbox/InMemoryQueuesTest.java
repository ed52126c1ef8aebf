package io.github.orderevents.domain.outbox;

import io.github.orderevents.domain.testing.InMemoryQueues;

import java.util.List;
import java.util.UUID;

class InMemoryQueuesTest extends EventPublisherContract {
    private final InMemoryQueues queues = new InMemoryQueues();

    @Override
    protected EventPublisher publisher() {
        return queues;
    }

    @Override
    protected String newDestination() {
        return queues.createQueue("queue-" + UUID.randomUUID());
    }

    @Override
    protected String missingDestination() {
        return "no-such-queue";
    }

    @Override
    protected List<Received> received(String destination) {
        return queues.received(destination).stream()
                .map(message -> new Received(message.event().eventId(), message.groupId())).toList();
    }
}
